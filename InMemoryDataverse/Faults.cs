using System;
using System.Globalization;

namespace LeadRecycle.InMemoryDataverse
{
    internal static class Faults
    {
        public static DataverseFaultException DoesNotExist(string table, Guid id) =>
            new DataverseFaultException(DataverseErrorCodes.ObjectDoesNotExist,
                string.Format(CultureInfo.InvariantCulture, "{0} With Id = {1} Does Not Exist", table, id));

        public static DataverseFaultException UnknownTable(string? table) =>
            new DataverseFaultException(DataverseErrorCodes.EntityDoesNotExist,
                string.Format(CultureInfo.InvariantCulture, "The entity with a name = '{0}' with namemapping = 'Logical' was not found in the MetadataCache.", table));

        public static DataverseFaultException UnknownColumn(string table, string? column) =>
            new DataverseFaultException(DataverseErrorCodes.AttributeDoesNotExist,
                string.Format(CultureInfo.InvariantCulture, "'{0}' entity doesn't contain attribute with Name = '{1}' and NameMapping = 'Logical'.", table, column));

        public static DataverseFaultException InvalidArgument(string message) =>
            new DataverseFaultException(DataverseErrorCodes.InvalidArgument, message);
    }
}
