namespace LeadRecycle.Schema
{
    /// <summary>Activity tables whose creation counts as activity on a lead.</summary>
    public static class ActivityTables
    {
        public const string Task = "task";
        public const string PhoneCall = "phonecall";
        public const string Email = "email";
        public const string Appointment = "appointment";
        public const string Regarding = "regardingobjectid";
    }
}
