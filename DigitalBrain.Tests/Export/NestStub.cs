namespace DigitalBrain.Tests.Export;

/// <summary>A stand-in <c>nest</c> package (NEST is not installable here) that runs an exported
/// PyNEST script for real: it checks each call's signature as NEST 3 declares it, keeps node ids,
/// slices and sizes, and writes every call to the JSON file named by <c>NEST_STUB_LOG</c>.</summary>
internal static class NestStub
{
    public const string Package = """
        import atexit, json, math as _math, os, types

        _log, _created, _kernel_set = [], [], [False]

        def _plain(value):
            if isinstance(value, _Parameter):
                return value.describe()
            if isinstance(value, NodeCollection):
                return {"nodes": value.ids}
            if isinstance(value, float) and not _math.isfinite(value):
                return str(value)
            if isinstance(value, dict):
                return {k: _plain(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [_plain(v) for v in value]
            return value

        def _record(name, **arguments):
            _log.append({"call": name, **{k: _plain(v) for k, v in arguments.items()}})

        class _Parameter:
            def __init__(self, kind, **arguments):
                self.kind, self.arguments = kind, arguments
            def describe(self):
                return {"parameter": self.kind, **{k: _plain(v) for k, v in self.arguments.items()}}

        class NodeCollection:
            def __init__(self, model, ids):
                self.model, self.ids = model, ids
            def __len__(self):
                return len(self.ids)
            def __getitem__(self, key):
                if isinstance(key, slice):
                    return NodeCollection(self.model, self.ids[key])
                if isinstance(key, list):
                    if sorted(set(key)) != key or not all(0 <= k < len(self.ids) for k in key):
                        raise IndexError("NodeCollection indices must be sorted, unique and in range")
                    return NodeCollection(self.model, [self.ids[k] for k in key])
                return NodeCollection(self.model, [self.ids[key]])
            def get(self, key):
                if key != "n_events" or self.model != "spike_recorder":
                    raise KeyError(key)
                return 0

        def ResetKernel():
            _created.clear()
            _kernel_set[0] = False
            _record("ResetKernel")

        def SetKernelStatus(params):
            if _created:
                raise RuntimeError("kernel parameters must be set before nodes are created")
            _kernel_set[0] = True
            _record("SetKernelStatus", params=params)

        def Create(model, n=1, params=None, positions=None):
            if not isinstance(model, str) or not isinstance(n, int) or n < 1:
                raise TypeError("Create(model: str, n: int >= 1)")
            first = sum(len(c) for c in _created) + 1
            nodes = NodeCollection(model, list(range(first, first + n)))
            _created.append(nodes)
            _record("Create", model=model, n=n, params=params or {}, nodes=[first, first + n - 1])
            return nodes

        def Connect(pre, post, conn_spec=None, syn_spec=None, return_synapsecollection=False):
            if not isinstance(pre, NodeCollection) or not isinstance(post, NodeCollection):
                raise TypeError("Connect(pre: NodeCollection, post: NodeCollection, ...)")
            _record("Connect", pre=[pre.model, len(pre), pre.ids[0]], post=[post.model, len(post), post.ids[0]],
                    conn_spec=conn_spec, syn_spec=syn_spec)

        def Simulate(t):
            _record("Simulate", t=t)

        def Rank():
            return 0

        def NumProcesses():
            return 1

        random = types.SimpleNamespace(normal=lambda mean=0.0, std=1.0: _Parameter("normal", mean=mean, std=std))
        math = types.SimpleNamespace(redraw=lambda value, min=-_math.inf, max=_math.inf: _Parameter("redraw", value=value, min=min, max=max))

        @atexit.register
        def _write():
            with open(os.environ["NEST_STUB_LOG"], "w") as handle:
                json.dump(_log, handle)
        """;
}
