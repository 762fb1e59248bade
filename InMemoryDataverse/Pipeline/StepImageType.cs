namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>Which entity image a step receives (SdkMessageProcessingStepImage.imagetype).</summary>
    public enum StepImageType
    {
        PreImage = 0,
        PostImage = 1,
    }
}
