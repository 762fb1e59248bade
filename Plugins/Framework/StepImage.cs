using System;
using System.Collections.Generic;
using System.Linq;

namespace LeadRecycle.Framework
{
    /// <summary>An entity image a step asks the platform for: its alias and the columns it needs.</summary>
    public sealed class StepImage
    {
        public StepImage(ImageType imageType, string alias, string messagePropertyName, IReadOnlyList<string> attributes)
        {
            ImageType = imageType;
            Alias = alias;
            MessagePropertyName = messagePropertyName;
            Attributes = attributes;
        }

        public ImageType ImageType { get; }

        public string Alias { get; }

        /// <summary>The request property the image is taken for ("Target", "Id", "EntityMoniker", "OpportunityClose").</summary>
        public string MessagePropertyName { get; }

        /// <summary>Columns in the image; never empty (an image of every column is wasteful and is refused).</summary>
        public IReadOnlyList<string> Attributes { get; }
    }
}
