namespace LeadRecycle.Schema
{
    public static class Lead
    {
        public const string EntityName = "lead";
        public const string Id = "leadid";
        public const string Subject = "subject";
        public const string FullName = "fullname";
        public const string CompanyName = "companyname";
        public const string ParentAccount = "parentaccountid";
        public const string ParentContact = "parentcontactid";
        public const string RecycleCount = "lr_recyclecount";
        public const string Description = "description";
        public const string EmailAddress = "emailaddress1";

        /// <summary>When the lead last had an activity (stamped by LeadRecycle); passive recycling measures from it.</summary>
        public const string LastActivityOn = "lr_lastactivityon";

        /// <summary>When the nightly scan asked for this inactive lead's return to nurture (a background job does it).</summary>
        public const string NurtureRequestedOn = "lr_nurturerequestedon";

        /// <summary>The recycled lead this lead returned from.</summary>
        public const string RecycledLead = "lr_recycledleadid";

        /// <summary>Recycled lead + recycle number: unique, so a prospect returns to sales once per recycle.</summary>
        public const string ReturnKey = "lr_returnkey";
        public const string ReturnKeyName = "lr_returnkey_key";

        public static class State
        {
            public const int Open = 0;
            public const int Qualified = 1;
            public const int Disqualified = 2;
        }

        public static class Status
        {
            public const int New = 1;
            public const int Contacted = 2;
            public const int Qualified = 3;
            public const int Lost = 4;
            public const int CannotContact = 5;
            public const int NoLongerInterested = 6;
            public const int Canceled = 7;
        }
    }
}
