// Same-process A/B of the analysis stages of two builds: loads each build's bench (and so its Storyline) side by side in one process,
// runs the text, time, entity and statement stages of each on the same FNC-1 bodies, alternating in blocks and orders, and compares the
// thread CPU each took. Machines here are shared and noisy; both builds see the same noise this way, so the ratio holds where two runs'
// figures drift apart. Usage (each build a Release build of bench/Storyline.Bench, e.g. one in a worktree of the baseline commit):
//   dotnet run -c Release --project bench/ab -- BASE_BENCH_DIR NEW_BENCH_DIR [LIMIT=600] [WARMUP=300] [BLOCK=50] [ROUNDS=2] [FNC_BODIES_CSV]
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: BASE_BENCH_DIR NEW_BENCH_DIR [LIMIT] [WARMUP] [BLOCK] [ROUNDS] [FNC_BODIES_CSV]");
    return 2;
}
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
int limit = Arg(2, 600), warm = Arg(3, 300), block = Arg(4, 50), rounds = Arg(5, 2);
string data = args.Length > 6 ? args[6] : "../shared/eval/fnc1/train_bodies.csv";
var variants = new[] { Variant.Load("base", args[0], data, limit), Variant.Load("new", args[1], data, limit) };
int n = variants[0].Documents.Count;
warm = Math.Min(warm, n);
// The last documents warm both builds up (tiered compilation) twice, untimed, a second apart (background compilation catches up).
for (int pass = 0; pass < 2; pass++)
{
    for (int i = n - warm; i < n; i++) foreach (var v in variants) v.Analyse(i);
    Thread.Sleep(1000);
}
foreach (var v in variants) Array.Clear(v.StageCpu);
for (int r = 0; r < rounds; r++)
    for (int b = 0; b < n; b += block)
        foreach (var v in (b / block + r) % 2 == 0 ? variants : [variants[1], variants[0]])
        {
            double t0 = ThreadCpu.Seconds();
            for (int i = b; i < Math.Min(n, b + block); i++) v.Analyse(i);
            v.Cpu += ThreadCpu.Seconds() - t0;
            v.Count += Math.Min(n, b + block) - b;
        }
foreach (var v in variants)
    Console.WriteLine(FormattableString.Invariant(
        $"{v.Name}: {v.Count} documents, {v.Cpu:0.00} thread CPU-s, {v.Count / v.Cpu:0.0} documents per CPU-s; ms per document text/times/entities/statements {string.Join(" ", v.StageCpu.Select(c => (1000 * c / v.Count).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}"));
Console.WriteLine(FormattableString.Invariant($"ratio new/base {variants[0].Cpu / variants[1].Cpu:0.000}"));
return 0;

/// <summary>This thread's CPU time (CLOCK_THREAD_CPUTIME_ID): other threads' work and waiting do not count.</summary>
internal static partial class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static double Seconds() =>
        ClockGetTime(3, out var t) == 0 ? t.Seconds + t.Nanoseconds / 1e9 : throw new InvalidOperationException("clock_gettime failed");
}

/// <summary>One build, loaded into its own load context, with its stages and the documents it cleaned.</summary>
internal sealed class Variant
{
    private static readonly string[] StageTypes =
        ["Storyline.Text.TextAnalysisStage", "Storyline.Time.TimeExpressionStage", "Storyline.Entities.EntityStage", "Storyline.Attribution.StatementStage"];

    private Variant(string name, object[] stages, List<object> documents, Type context, MethodInfo run, Type stageInterface)
    {
        Name = name;
        _stages = stages;
        Documents = documents;
        _context = context;
        _run = run;
        _stageInterface = stageInterface;
        StageCpu = new double[stages.Length];
    }

    private readonly object[] _stages;
    private readonly Type _context;
    private readonly MethodInfo _run;
    private readonly Type _stageInterface;

    public string Name { get; }
    public List<object> Documents { get; }
    public double Cpu { get; set; }
    public int Count { get; set; }
    public double[] StageCpu { get; }

    public void Analyse(int i)
    {
        var context = Activator.CreateInstance(_context, Documents[i]);
        for (int k = 0; k < _stages.Length; k++)
        {
            var one = Array.CreateInstance(_stageInterface, 1);
            one.SetValue(_stages[k], 0);
            double t0 = ThreadCpu.Seconds();
            _run.Invoke(null, [one, context, CancellationToken.None]);
            StageCpu[k] += ThreadCpu.Seconds() - t0;
        }
    }

    public static Variant Load(string name, string benchDirectory, string data, int limit)
    {
        var bench = Path.GetFullPath(Path.Combine(benchDirectory, "Storyline.Bench.dll"));
        var alc = new BuildContext(bench);
        var benchAssembly = alc.LoadFromAssemblyPath(bench);
        var storyline = alc.LoadFromAssemblyName(new AssemblyName("Storyline"));
        Type Need(Assembly a, string type) => a.GetType(type) ?? throw new InvalidOperationException($"{name}: {type} not found in {a.GetName().Name}");
        var documents = (System.Collections.IEnumerable?)Need(benchAssembly, "Storyline.Bench.Fnc.FncData").GetMethod("Documents")!
            .Invoke(null, [data, limit, CancellationToken.None]) ?? throw new InvalidOperationException($"{name}: no documents");
        object Make(string type)
        {
            var constructor = Need(storyline, type).GetConstructors()[0];
            return constructor.Invoke([.. constructor.GetParameters().Select(p => p.DefaultValue is DBNull ? null : p.DefaultValue)]);
        }
        var run = Need(storyline, "Storyline.Pipeline.Analysis.AnalysisPipeline").GetMethods().First(m => m.Name == "Run" && m.IsStatic);
        return new Variant(name, [.. StageTypes.Select(Make)], [.. documents.Cast<object>()], Need(storyline, "Storyline.Pipeline.Analysis.AnalysisContext"),
            run, Need(storyline, "Storyline.Pipeline.Analysis.IAnalysisStage"));
    }

    // Each build resolves its own dependencies from its own folder.
    private sealed class BuildContext(string main) : AssemblyLoadContext(main, isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(main);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}
