using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Framework
{
    public enum ImageType
    {
        PreImage = 0,
        PostImage = 1,
    }
}
