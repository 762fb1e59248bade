using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace LeadRecycle.Solution
{
    /// <summary>How every XML file is written: UTF-8 with BOM and declaration, two-space indent, LF line ends.</summary>
    public static class XmlFiles
    {
        public static byte[] ToBytes(XElement root)
        {
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\n",
                NewLineHandling = NewLineHandling.Replace,
                OmitXmlDeclaration = false,
            };
            using var stream = new MemoryStream();
            using (var writer = XmlWriter.Create(stream, settings))
            {
                new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
            }

            stream.WriteByte((byte)'\n');
            return stream.ToArray();
        }

        public static XElement Load(string path) =>
            XDocument.Load(path, LoadOptions.None).Root ?? throw new InvalidDataException($"{path} has no root element.");
    }
}
