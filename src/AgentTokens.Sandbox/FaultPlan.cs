namespace AgentTokens.Sandbox;

/// <summary>The faults scripted on one sandbox; thread-safe. Each rule counts the requests it matches.</summary>
public sealed class FaultPlan
{
    private readonly object _gate = new();
    private readonly List<State> _rules = [];

    /// <summary>Adds a rule; it counts requests from now on.</summary>
    /// <param name="rule">The rule.</param>
    public FaultPlan Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            _rules.Add(new State(rule, rule.Trigger is FaultTrigger.ProbabilityTrigger p ? new Random(p.Seed) : null));
        }
        return this;
    }

    /// <summary>Adds a fault for the next <paramref name="count"/> requests (of a method, or any).</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests.</param>
    /// <param name="method">Only this method, or any.</param>
    public FaultPlan Next(Fault fault, int count = 1, string? method = null) => Add(new FaultRule(fault, FaultTrigger.Next(count), method));

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The faults that apply to a request, advancing each matching rule's count.</summary>
    internal IReadOnlyList<Fault> Take(string method)
    {
        lock (_gate)
        {
            var taken = new List<Fault>();
            foreach (var state in _rules)
            {
                if (state.Rule.Method is { } m && !string.Equals(m, method, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                state.Seen++;
                var applies = state.Rule.Trigger switch
                {
                    FaultTrigger.NextTrigger next => state.Seen <= next.Count,
                    FaultTrigger.EveryTrigger every => state.Seen % every.N == 0,
                    FaultTrigger.AtTrigger at => state.Seen == at.N,
                    FaultTrigger.ProbabilityTrigger p => state.Random!.NextDouble() < p.P,
                    _ => false,
                };
                if (applies)
                {
                    taken.Add(state.Rule.Fault);
                }
            }
            return taken;
        }
    }

    private sealed class State(FaultRule rule, Random? random)
    {
        public FaultRule Rule { get; } = rule;
        public Random? Random { get; } = random;
        public long Seen { get; set; }
    }
}
