#!/usr/bin/env python3
"""Prints the results of bench/run.sh (JSON lines) as a Markdown table with the
targets of issue 2 and the ratio to Request Tracker 5 on the same machine kind.

usage: summary.py RESULTS.jsonl [RT_RESULTS.jsonl]
RT figures: from RT_RESULTS (a results file of ../shared/peers/rt5/bench.sh;
medians of its undisturbed 4-client runs) when given, else the reference
figures recorded in issue 2 (RT 5 on SQLite, same machine kind, 2026-11-22).

Besides wrk's figures each row has the CPU that heed and wrk spent per request.
The machine may be shared with other work, so req/s alone can say more about
the neighbours than about heed; "2 idle cores" = 2 s / (heed + wrk CPU per
request) is the rate the two cores would give if nothing else ran and the work
spread over both (for writes, which take turns on one lock, an upper bound)."""
import json, statistics, sys

TARGETS = {"GET ticket": 30000, "list of 20": 15000, "POST ticket": 5000, "POST reply": None}
RT_LABELS = {"GET ticket": "get ticket cookie c4", "list of 20": "search list(20,fields) cookie c4",
             "POST ticket": "create cookie c4", "POST reply": "correspond cookie c4"}
RT_REF = {"GET ticket": 99, "list of 20": 154, "POST ticket": 4.4, "POST reply": 5.5, "rss_mib": 1.2 * 1024}
RSS_TARGET = 50

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
meta = next((r for r in rows if r["label"] == "meta"), {})
rt, rt_src = dict(RT_REF), "issue 2 reference figures (RT 5.0.3 on SQLite, same machine kind)"
if len(sys.argv) > 2:
    got = {}
    for l in open(sys.argv[2]):
        r = json.loads(l)
        for k, lab in RT_LABELS.items():
            if r.get("label") == lab and r.get("per_s") and not r.get("contaminated"):
                got.setdefault(k, []).append(r["per_s"])
    for k, v in got.items():
        rt[k] = statistics.median(v)
    if got:
        rt_src = sys.argv[2] + " (undisturbed runs; other figures from issue 2)"

print(f"\nheed, {meta.get('tickets'):,} tickets, wrk -t{meta.get('wrk_threads')} -c{meta.get('connections')} "
      f"{meta.get('duration_s')} s per run, heed --threads {meta.get('heed_threads')}; "
      f"{meta.get('nproc')} x {meta.get('cpu')}, kernel {meta.get('kernel')}, {meta.get('date')}\n")
print("| workload | req/s | p50 ms | p99 ms | target | met | RT 5 | heed/RT | errors "
      "| heed CPU µs/req | wrk CPU µs/req | 2 idle cores | other work (cores) |")
print("|---|---:|---:|---:|---:|:-:|---:|---:|---:|---:|---:|---:|---:|")
peak = 0.0
for r in rows:
    if r["label"] == "meta":
        continue
    lab = r["label"]
    t = TARGETS.get(lab)
    errs = r["err_connect"] + r["err_read"] + r["err_write"] + r["err_timeout"] + r["non_2xx_3xx"]
    peak = max(peak, r.get("vmhwm_mib", 0))
    met = "-" if t is None else ("yes" if r["per_s"] >= t and errs == 0 else "no")
    rtv = rt.get(lab)
    ratio = f"{r['per_s'] / rtv:,.0f}x" if rtv else "-"
    target = "-" if t is None else f">= {t:,}"
    h, w = r.get("heed_cpu_us"), r.get("wrk_cpu_us")
    idle = f"~{2e6 / (h + w):,.0f}" if h and w else "-"
    print(f"| {lab} | {r['per_s']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {target} | {met} | "
          f"{rtv if rtv else '-'} | {ratio} | {errs} | {h if h else '-'} | {w if w else '-'} | {idle} | "
          f"{r.get('foreign_cores', '-')} |")
rss_rt = rt["rss_mib"]
print(f"| peak RSS (VmHWM) | {peak:.1f} MiB | | | <= {RSS_TARGET} MiB | {'yes' if peak <= RSS_TARGET else 'no'} | "
      f"{rss_rt:,.0f} MiB | {rss_rt / peak:,.0f}x less | | | | | |")
print(f"\nRT 5 figures: {rt_src}.\n"
      "other work = cores used by processes outside this benchmark during the run (../shared/peers/lib/cpumon.py).")
