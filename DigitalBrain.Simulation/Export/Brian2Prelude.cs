namespace DigitalBrain.Simulation.Export;

/// <summary>The fixed part of every exported Brian2 script: NEST's connection rules drawn with
/// numpy (index arrays, then <c>Synapses.connect(i=…, j=…)</c>), NEST's <c>redraw</c> of normal
/// weights and delays, and the run loop that applies DC inputs by segments and writes the results.</summary>
internal static class Brian2Prelude
{
    public const string Helpers = """
        # ---- NEST's connection rules, drawn with numpy (indices are population-local) ----
        def _without_autapses(i, j, redraw_i):
            bad = i == j
            while bad.any():
                i[bad] = redraw_i(int(bad.sum()))
                bad = i == j
            return i


        def _distinct(n, k, exclude=None):
            # k distinct indices of range(n), optionally never `exclude`.
            if exclude is None:
                return rng.choice(n, size=k, replace=False)
            picks = rng.choice(n - 1, size=k, replace=False)
            picks[picks >= exclude] += 1
            return picks


        def fixed_total_number(n_src, n_tgt, count, autapses, multapses, same):
            no_autapses = same and not autapses
            if multapses:
                i = rng.integers(0, n_src, count)
                j = rng.integers(0, n_tgt, count)
                bad = (i == j) if no_autapses else np.zeros(count, dtype=bool)
                while bad.any():
                    i[bad] = rng.integers(0, n_src, int(bad.sum()))
                    j[bad] = rng.integers(0, n_tgt, int(bad.sum()))
                    bad = i == j
                return i, j
            extra = min(n_src, n_tgt) if no_autapses else 0
            flat = rng.choice(n_src * n_tgt, size=min(count + extra, n_src * n_tgt), replace=False)
            i, j = flat // n_tgt, flat % n_tgt
            if no_autapses:
                keep = i != j
                i, j = i[keep], j[keep]
            if i.size < count:
                raise ValueError("fixed_total_number: more synapses than distinct pairs")
            return i[:count], j[:count]


        def fixed_indegree(n_src, n_tgt, k, autapses, multapses, same):
            no_autapses = same and not autapses
            j = np.repeat(np.arange(n_tgt), k)
            if multapses:
                i = rng.integers(0, n_src, j.size)
                if no_autapses:
                    i = _without_autapses(i, j, lambda m: rng.integers(0, n_src, m))
                return i, j
            i = np.concatenate([_distinct(n_src, k, t if no_autapses else None) for t in range(n_tgt)]) if n_tgt else np.zeros(0, dtype=int)
            return i, j


        def fixed_outdegree(n_src, n_tgt, k, autapses, multapses, same):
            j, i = fixed_indegree(n_tgt, n_src, k, autapses, multapses, same)
            return i, j


        def pairwise_bernoulli(n_src, n_tgt, p, autapses, multapses, same):
            # A binomial number of distinct pairs, uniformly chosen, is an independent Bernoulli
            # draw per pair; dropping the diagonal afterwards leaves the others independent.
            total = n_src * n_tgt
            flat = rng.choice(total, size=rng.binomial(total, p), replace=False)
            i, j = flat // n_tgt, flat % n_tgt
            if same and not autapses:
                keep = i != j
                i, j = i[keep], j[keep]
            return i, j


        def one_to_one(n_src, n_tgt, autapses, multapses, same):
            i = np.arange(n_src) if autapses or not same else np.zeros(0, dtype=int)
            return i, i.copy()


        def all_to_all(n_src, n_tgt, autapses, multapses, same):
            i = np.repeat(np.arange(n_src), n_tgt)
            j = np.tile(np.arange(n_tgt), n_src)
            if same and not autapses:
                keep = i != j
                i, j = i[keep], j[keep]
            return i, j


        def redraw_normal(mean, sd, low, high, size):
            # NEST's nest.math.redraw(nest.random.normal(mean, sd), min=low, max=high).
            values = rng.normal(mean, sd, size)
            bad = (values < low) | (values > high)
            while bad.any():
                values[bad] = rng.normal(mean, sd, int(bad.sum()))
                bad = (values < low) | (values > high)
            return values


        def weights(mean, sd, size):
            if sd == 0:
                return np.full(size, mean)
            return redraw_normal(mean, sd, 0.0, math.inf, size) if mean >= 0 else redraw_normal(mean, sd, -math.inf, 0.0, size)


        def delays(mean, sd, size):
            if sd == 0:
                return np.full(size, max(mean, RESOLUTION_MS))
            return redraw_normal(mean, sd, RESOLUTION_MS, math.inf, size)


        # ---- Network assembly ----
        net = b2.Network()
        pops = {}            # name -> (NeuronGroup, first index in it, size)
        edges = {}           # (source group, target group, on_pre, weight unit) -> [i, j, w, d] lists
        dc_inputs = []       # (population, amplitude pA, start ms, stop ms or None)
        spike_monitors = {}  # name -> (SpikeMonitor, recorded neurons)
        voltage_monitors = []
        projections = []     # per projection: what add_synapses drew


        def population(name, group, first, size, parameters, v_mean, v_sd):
            pops[name] = (group, first, size)
            view = group[first:first + size]
            for key, value in parameters.items():
                setattr(view, key, value)
            view.v = (rng.normal(v_mean, v_sd, size) if v_sd > 0 else np.full(size, v_mean)) * mV


        def add_synapses(source, target, ij, weight, delay, on_pre, unit):
            (src_group, src_first, _), (tgt_group, tgt_first, _) = pops[source], pops[target]
            i, j = ij
            w, d = weights(weight[0], weight[1], i.size), delays(delay[0], delay[1], i.size)
            part = edges.setdefault((src_group.name, tgt_group.name, on_pre, unit), [[], [], [], []])
            part[0].append(i + src_first)
            part[1].append(j + tgt_first)
            part[2].append(w)
            part[3].append(d)
            # What was drawn, so that a run can be checked against the rule it came from.
            projections.append({"source": source, "target": target, "synapses": int(i.size),
                                "distinct_pairs": int(np.unique(i.astype(np.int64) * pops[target][2] + j).size),
                                "autapses": int(np.count_nonzero(i == j)) if source == target else 0,
                                "weight_mean": float(w.mean()) if w.size else 0.0, "weight_min": float(w.min()) if w.size else 0.0,
                                "weight_max": float(w.max()) if w.size else 0.0, "delay_min_ms": float(d.min()) if d.size else 0.0,
                                "delay_mean_ms": float(d.mean()) if d.size else 0.0})


        def build_synapses():
            groups = {obj.name: obj for obj in net.objects if isinstance(obj, b2.NeuronGroup)}
            for number, ((src, tgt, on_pre, unit), (i, j, w, d)) in enumerate(edges.items()):
                synapses = b2.Synapses(groups[src], groups[tgt], model="w : " + unit, on_pre=on_pre, name="synapses_%d" % number)
                synapses.connect(i=np.concatenate(i), j=np.concatenate(j))
                synapses.w = np.concatenate(w) * UNITS[unit]
                synapses.delay = np.concatenate(d) * ms
                net.add(synapses)
            edges.clear()


        def poisson(target, variable, count, rate_hz, increment):
            group, first, size = pops[target]
            if count > 0 and rate_hz > 0:
                net.add(b2.PoissonInput(group[first:first + size], variable, N=count, rate=rate_hz * Hz, weight=increment))


        def spike_train(target, times_ms, weight, delay_ms, on_pre, unit):
            group, first, size = pops[target]
            steps = np.unique(np.round(np.asarray(times_ms) / RESOLUTION_MS).astype(np.int64))
            generator = b2.SpikeGeneratorGroup(1, np.zeros(steps.size, dtype=int), steps * RESOLUTION_MS * ms)
            synapses = b2.Synapses(generator, group, model="w : " + unit, on_pre=on_pre)
            synapses.connect(i=np.zeros(size, dtype=int), j=np.arange(first, first + size))
            synapses.w = weight * UNITS[unit]
            synapses.delay = max(delay_ms, RESOLUTION_MS) * ms
            net.add(generator, synapses)


        def record_spikes(name, count):
            group, first, _ = pops[name]
            monitor = b2.SpikeMonitor(group[first:first + count])
            spike_monitors[name] = (monitor, count)
            net.add(monitor)


        def record_voltage(name, neurons, interval_ms):
            group, first, _ = pops[name]
            monitor = b2.StateMonitor(group, "v", record=[first + n for n in neurons], dt=interval_ms * ms)
            voltage_monitors.append((name, neurons, interval_ms, monitor))
            net.add(monitor)


        def run_and_report(network_name, build_start):
            # DC inputs switch on and off between runs; monitors record only after the warm-up.
            end = args.t_presim + args.t_sim
            cuts = {0.0, args.t_presim, end}
            for _, _, start, stop in dc_inputs:
                cuts.update(c for c in (start, stop) if c is not None and 0.0 < c < end)
            cuts = sorted(c for c in cuts if 0.0 <= c <= end)
            build_s = time.time() - build_start
            sim_start = time.time()
            for a, b in zip(cuts, cuts[1:]):
                if b - a < RESOLUTION_MS / 2:
                    continue
                currents = {}
                for target, amplitude, start, stop in dc_inputs:
                    if start <= a and (stop is None or a < stop):
                        group, first, size = pops[target]
                        values = currents.setdefault(group.name, (group, np.zeros(len(group))))[1]
                        values[first:first + size] += amplitude
                for group in (o for o in net.objects if isinstance(o, b2.NeuronGroup)):
                    group.I_dc = currents.get(group.name, (group, np.zeros(len(group))))[1] * pA
                for monitor in [m for m, _ in spike_monitors.values()] + [m for *_, m in voltage_monitors]:
                    monitor.active = a >= args.t_presim - RESOLUTION_MS / 2
                net.run((b - a) * ms)
            result = {"simulator": "brian2", "brian2_version": b2.__version__, "target": args.target,
                      "network": network_name, "seed": args.seed, "t_presim_ms": args.t_presim, "t_sim_ms": args.t_sim,
                      "build_s": build_s, "simulate_s": time.time() - sim_start, "projections": projections,
                      "populations": {}, "voltages": []}
            for name, (monitor, count) in spike_monitors.items():
                entry = {"size": pops[name][2], "recorded": count, "spikes": int(monitor.num_spikes),
                         "rate_hz": monitor.num_spikes / (count * args.t_sim / 1000.0) if args.t_sim > 0 else 0.0}
                if args.spikes:
                    entry["neurons"] = [int(n) for n in monitor.i[:]]
                    entry["times_ms"] = [float(t) - args.t_presim for t in monitor.t[:] / ms]
                result["populations"][name] = entry
            for name, neurons, interval_ms, monitor in voltage_monitors:
                for row, neuron in enumerate(neurons):
                    result["voltages"].append({"population": name, "neuron": neuron, "interval_ms": interval_ms,
                                               "v_mv": [float(v) for v in monitor.v[row] / mV]})
            with open(args.out, "w") as handle:
                json.dump(result, handle, indent=1)
            for name, entry in result["populations"].items():
                print("%-12s %10.4f Hz" % (name, entry["rate_hz"]))
        """;
}
