using System;
using System.Collections.Generic;
using Spectre.Console;

namespace LeadRecycle.Sandbox
{
    /// <summary>
    /// Progress bars for the long commands. Only the command-line layer uses it: the engines report through plain
    /// callbacks, so the tests and the bench's figures never depend on a console.
    /// </summary>
    internal sealed class ConsoleProgress
    {
        private readonly ProgressContext _context;
        private readonly Dictionary<string, ProgressTask> _steps = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
        private ProgressTask? _current;

        private ConsoleProgress(ProgressContext context)
        {
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

        public static void Run(IAnsiConsole console, Action<ConsoleProgress> work) =>
            console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(context => work(new ConsoleProgress(context)));

        /// <summary>Moves the named step to <paramref name="done"/> of <paramref name="total"/>; a total of 0 means not known (a spinner).</summary>
        public void Report(string step, double done, double total)
        {
            if (!_steps.TryGetValue(step, out var task))
            {
                Finish(_current);
                task = _context.AddTask(Markup.Escape(step), autoStart: true, maxValue: Math.Max(1, total));
                _steps.Add(step, task);
            }

            _current = task;
            task.IsIndeterminate = total <= 0;
            if (total > 0)
            {
                task.MaxValue = total;
                task.Value = Math.Min(done, total);
                if (done >= total)
                {
                    Finish(task);
                }
            }
        }

        private static void Finish(ProgressTask? task)
        {
            if (task != null && !task.IsFinished)
            {
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }
}
