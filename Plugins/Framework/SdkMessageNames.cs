using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Framework
{
    /// <summary>Message names as the platform passes them in IExecutionContext.MessageName.</summary>
    public static class SdkMessageNames
    {
        public const string Create = "Create";
        public const string Update = "Update";
        public const string Delete = "Delete";
        public const string Assign = "Assign";
        public const string SetState = "SetState";
        public const string SetStateDynamicEntity = "SetStateDynamicEntity";
        public const string Win = "Win";
        public const string Lose = "Lose";
        public const string GrantAccess = "GrantAccess";
    }
}
