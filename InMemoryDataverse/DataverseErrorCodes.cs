namespace LeadRecycle.InMemoryDataverse
{
    /// <summary>
    /// Dataverse error codes the emulator raises. ObjectDoesNotExist, InvalidArgument and DuplicateRecordEntityKey are
    /// well known; the others are this emulator's best knowledge of Microsoft's web service error list and were not
    /// checked against a live environment (tests should compare the constant, not the number).
    /// </summary>
    public static class DataverseErrorCodes
    {
        /// <summary>0x80040217 ObjectDoesNotExist.</summary>
        public const int ObjectDoesNotExist = unchecked((int)0x80040217);

        /// <summary>0x80041102 QueryBuilderNoEntity: the table is not in the metadata.</summary>
        public const int EntityDoesNotExist = unchecked((int)0x80041102);

        /// <summary>0x80041103 QueryBuilderNoAttribute: the column is not in the table.</summary>
        public const int AttributeDoesNotExist = unchecked((int)0x80041103);

        /// <summary>0x80040203 InvalidArgument.</summary>
        public const int InvalidArgument = unchecked((int)0x80040203);

        /// <summary>0x8004431A: an option value outside the column's choice.</summary>
        public const int PicklistValueOutOfRange = unchecked((int)0x8004431A);

        /// <summary>0x80044331: a string longer than the column's maximum length.</summary>
        public const int StringLengthTooLong = unchecked((int)0x80044331);

        /// <summary>
        /// 0x8004E023 (-2147164125) AggregateQueryRecordLimit: an aggregate query over more than 50,000 rows
        /// (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data#limitations).
        /// </summary>
        public const int AggregateQueryRecordLimit = unchecked((int)0x8004E023);

        /// <summary>0x80060892 DuplicateRecordEntityKey.</summary>
        public const int DuplicateRecordEntityKey = unchecked((int)0x80060892);

        /// <summary>0x80040237 DuplicateRecord: a create with an id already in use.</summary>
        public const int DuplicateRecord = unchecked((int)0x80040237);

        /// <summary>The infinite-loop abort (Depth went past the maximum); value unverified.</summary>
        public const int InfiniteLoopDetected = unchecked((int)0x80044182);

        /// <summary>0x80040251 InvalidStateCodeStatusCode.</summary>
        public const int InvalidStateCodeStatusCode = unchecked((int)0x80040251);

        /// <summary>0x80040311 (-2147220911): the transaction was ended by an earlier failure in the same operation.</summary>
        public const int NoActiveTransaction = unchecked((int)0x80040311);

        /// <summary>0x80040265 (-2147220891): a plug-in threw (the platform wraps the plug-in's message).</summary>
        public const int PluginFailure = unchecked((int)0x80040265);

        /// <summary>
        /// 0x80040220 (-2147220960): "Principal user is missing privilege on OTC for entity": no role of the caller holds
        /// the privilege (Microsoft Learn, "Troubleshoot Dataverse client errors").
        /// </summary>
        public const int MissingPrivilege = unchecked((int)0x80040220);

        /// <summary>
        /// 0x80048306 (-2147187962): "Principal with ID ... does not have ... right(s) for record with ID ... of entity": the
        /// privilege check passed, the access check on the record failed (Microsoft Learn, "Troubleshoot Dataverse client errors").
        /// </summary>
        public const int AccessDenied = unchecked((int)0x80048306);

        /// <summary>The request name is not recognized; value unverified.</summary>
        public const int UnrecognizedRequest = unchecked((int)0x8004022C);
    }
}
