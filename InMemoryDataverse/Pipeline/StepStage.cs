namespace LeadRecycle.InMemoryDataverse.Pipeline
{
    /// <summary>The stage of a step (SdkMessageProcessingStep.stage; IExecutionContext.Stage).</summary>
    public enum StepStage
    {
        PreValidation = 10,
        PreOperation = 20,

        /// <summary>The core operation: a Custom API's plug-in runs here.</summary>
        MainOperation = 30,
        PostOperation = 40,
    }
}
