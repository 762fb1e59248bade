namespace LeadRecycle.Metadata
{
    public enum TableOwnership
    {
        UserOwned,
        OrganizationOwned,
        None,
    }
}
