namespace LeadRecycle.Metadata
{
    public sealed record ChoiceOption(int Value, string Label, string? Description = null, int? State = null);
}
