namespace LeadRecycle.Metadata
{
    public enum RequiredLevel
    {
        None,
        Recommended,
        ApplicationRequired,
        SystemRequired,
    }
}
