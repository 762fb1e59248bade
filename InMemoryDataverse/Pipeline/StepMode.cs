namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>How a step runs (SdkMessageProcessingStep.mode; IExecutionContext.Mode).</summary>
    public enum StepMode
    {
        Synchronous = 0,
        Asynchronous = 1,
    }
}
