using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>One projection resolved against the layout, with its random streams.</summary>
internal sealed class ProjectionPlan
{
    public ProjectionPlan(NetworkLayout layout, ProjectionSpec projection, int index)
    {
        var source = layout.IndexOf(projection.Source);
        var target = layout.IndexOf(projection.Target);
        SourceOffset = layout.Offsets[source];
        SourceSize = layout.Size(source);
        TargetOffset = layout.Offsets[target];
        TargetSize = layout.Size(target);
        SamePopulation = source == target;
        Rule = projection.Rule;
        var seed = layout.Spec.Seed;
        ConnectionKey = CounterRng.StreamKey(seed, CounterRng.ProjectionStream + 4 * (ulong)index);
        Sampler = new SynapseSampler(projection.Synapse, layout.StepMs,
            CounterRng.StreamKey(seed, CounterRng.ProjectionStream + 4 * (ulong)index + 1), $"{projection.Source}→{projection.Target}");
        Validate(projection);
    }

    public int SourceOffset { get; }
    public int SourceSize { get; }
    public int TargetOffset { get; }
    public int TargetSize { get; }
    public bool SamePopulation { get; }
    public ConnectionRule Rule { get; }
    public ulong ConnectionKey { get; }
    public SynapseSampler Sampler { get; }

    private void Validate(ProjectionSpec p)
    {
        var name = $"{p.Source}→{p.Target}";
        var rule = p.Rule;
        if (rule.Count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(p), rule.Count, $"Projection {name}: the count must be ≥ 0.");
        }

        var available = SourceSize - (SamePopulation && !rule.AllowAutapses ? 1 : 0);
        switch (rule.Kind)
        {
            case ConnectionRuleKind.FixedIndegree when rule.Count > 0 && available == 0:
                throw new ArgumentException($"Projection {name}: a single neuron without autapses has no source to draw.", nameof(p));
            case ConnectionRuleKind.FixedIndegree when !rule.AllowMultapses && rule.Count > available:
                throw new ArgumentException($"Projection {name}: in-degree {rule.Count} exceeds the {available} distinct sources.", nameof(p));
            case ConnectionRuleKind.FixedIndegree or ConnectionRuleKind.FixedOutdegree when rule.Count > int.MaxValue:
                throw new ArgumentException($"Projection {name}: degree {rule.Count} is too large.", nameof(p));
            case ConnectionRuleKind.FixedOutdegree when !rule.AllowMultapses && rule.Count > TargetSize - (SamePopulation && !rule.AllowAutapses ? 1 : 0):
                throw new ArgumentException($"Projection {name}: out-degree {rule.Count} exceeds the distinct targets.", nameof(p));
            case ConnectionRuleKind.FixedTotalNumber when !rule.AllowMultapses:
                throw new NotSupportedException($"Projection {name}: fixed_total_number without multapses is not supported.");
            case ConnectionRuleKind.FixedTotalNumber when SamePopulation && !rule.AllowAutapses && SourceSize == 1 && rule.Count > 0:
                throw new ArgumentException($"Projection {name}: a single neuron without autapses cannot be connected.", nameof(p));
            case ConnectionRuleKind.PairwiseBernoulli when !(rule.Probability >= 0 && rule.Probability <= 1):
                throw new ArgumentOutOfRangeException(nameof(p), rule.Probability, $"Projection {name}: probability must be in [0, 1].");
            case ConnectionRuleKind.OneToOne when SourceSize != TargetSize:
                throw new ArgumentException($"Projection {name}: one_to_one needs equal population sizes.", nameof(p));
            default:
                break;
        }
    }
}
