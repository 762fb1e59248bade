using System;
using System.IO;

namespace LeadRecycle.Tests.Sandbox
{
    /// <summary>A test class's own temporary folder for the files it hands the sandbox, deleted after each test.</summary>
    public abstract class SandboxFolder : IDisposable
    {
        protected SandboxFolder()
        {
            Folder = Path.Combine(Path.GetTempPath(), "lr-" + GetType().Name + "-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
        }

        protected string Folder { get; }

        /// <summary>The report folder a test's command writes to.</summary>
        protected string Output => Path.Combine(Folder, "out");

        public void Dispose()
        {
            Directory.Delete(Folder, recursive: true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Writes <paramref name="text"/> to a file of the folder and returns its path.</summary>
        protected string FileWith(string name, string text)
        {
            var path = Path.Combine(Folder, name);
            File.WriteAllText(path, text);
            return path;
        }
    }
}
