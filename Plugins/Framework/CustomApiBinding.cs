using System;
using System.Collections.Generic;

namespace LeadRecycle.Framework
{
    public enum CustomApiBinding
    {
        Global = 0,
        Entity = 1,
        EntityCollection = 2,
    }
}
