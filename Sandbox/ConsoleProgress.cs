using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// Progress bars for the long commands. Only the command-line layer uses it: the engines report through plain
    /// callbacks, so the tests and the bench's figures never depend on a console. Where the output is not a terminal
    /// (CI logs, tests) it writes one line as each step finishes instead of redrawing bars.
    /// </summary>
    internal sealed class ConsoleProgress
    {
        private readonly IAnsiConsole _console;
        private readonly ProgressContext? _context;
        private readonly Dictionary<string, Step> _steps = new Dictionary<string, Step>(StringComparer.Ordinal);
        private Step? _current;

        private ConsoleProgress(IAnsiConsole console, ProgressContext? context)
        {
            _console = console;
            _context = context;
        }

        /// <summary>A console of its own for each command, so commands run side by side (as the tests do) never share a live display.</summary>
        public static IAnsiConsole CreateConsole()
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings());
            if (Console.IsOutputRedirected)
            {
                // A log has no window: the default 80 columns would wrap the bench's tables.
                console.Profile.Width = 160;
            }

            return console;
        }

        public static void Run(IAnsiConsole console, Action<ConsoleProgress> work)
        {
            if (!console.Profile.Capabilities.Interactive)
            {
                // Spectre's fallback for a log prints a percentage now and then and may never print the end.
                work(new ConsoleProgress(console, null));
                return;
            }

            console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(context => work(new ConsoleProgress(console, context)));
        }

        /// <summary>Moves the named step to <paramref name="done"/> of <paramref name="total"/>; a total of 0 means not known (a spinner).</summary>
        public void Report(string step, double done, double total)
        {
            if (!_steps.TryGetValue(step, out var current))
            {
                Finish(_current);
                current = new Step(step, _context?.AddTask(Markup.Escape(step), autoStart: true, maxValue: Math.Max(1, total)));
                _steps.Add(step, current);
            }

            _current = current;
            if (current.Bar != null)
            {
                current.Bar.IsIndeterminate = total <= 0;
                if (total > 0)
                {
                    current.Bar.MaxValue = total;
                    current.Bar.Value = Math.Min(done, total);
                }
            }

            if (total > 0 && done >= total)
            {
                Finish(current);
            }
        }

        private void Finish(Step? step)
        {
            if (step == null || step.Finished)
            {
                return;
            }

            step.Finished = true;
            if (step.Bar == null)
            {
                _console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: done in {1:0.0} s", step.Name, Stopwatch.GetElapsedTime(step.Started).TotalSeconds));
                return;
            }

            step.Bar.IsIndeterminate = false;
            step.Bar.Value = step.Bar.MaxValue;
            step.Bar.StopTask();
        }

        private sealed class Step
        {
            public Step(string name, ProgressTask? bar)
            {
                Name = name;
                Bar = bar;
            }

            public string Name { get; }

            public ProgressTask? Bar { get; }

            public long Started { get; } = Stopwatch.GetTimestamp();

            public bool Finished { get; set; }
        }
    }
}
