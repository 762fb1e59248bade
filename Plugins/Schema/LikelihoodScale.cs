namespace LeadRecycle.Schema
{
    public static class LikelihoodScale
    {
        /// <summary>The 1-4 answer behind a choice value.</summary>
        public static int ToScore(Likelihood likelihood) => (int)likelihood - 100000000;
    }
}
