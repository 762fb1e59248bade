using System;

namespace LeadRecycle.InMemoryDataverse
{
    /// <summary>
    /// What Dataverse returns as an OrganizationServiceFault: an error code (the platform's int, e.g.
    /// -2147220969 for a missing record) and the platform's message. The stand-in SDK has no
    /// FaultException&lt;OrganizationServiceFault&gt;, so the emulator throws this instead.
    /// </summary>
    public sealed class DataverseFaultException : Exception
    {
        public DataverseFaultException(int errorCode, string message)
            : base(message)
        {
            ErrorCode = errorCode;
            HResult = errorCode;
        }

        public DataverseFaultException(int errorCode, string message, Exception innerException)
            : base(message, innerException)
        {
            ErrorCode = errorCode;
            HResult = errorCode;
        }

        public int ErrorCode { get; }
    }
}
