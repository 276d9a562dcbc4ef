"""The charts of the report pack: PNG at print resolution, one style (reports/style.py), read from the marts.

    CHARTS[name](con, as_of, out_dir) -> Path       # one chart
    render_all(con, as_of, out_dir) -> {name: Path}
    thumbnail(png, max_width=480) -> bytes           # small PNG for Dagster metadata
    thumbnail_markdown(png) -> "![…](data:image/png;base64,…)"

matplotlib is imported here (Agg canvas, no pyplot); importing `reports` does not import it.
Every chart title carries the as-of date, every chart has a source line under it. The CJK font is the
Noto Sans CJK SC file of the mplfonts package, registered in memory (nothing is written to matplotlib).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from taizhang.etl.files import atomic

from . import catalog
from . import data as D
from . import style as S

ChartFn = Callable[[object, object, Path], Path]

# Figures are made with matplotlib.figure.Figure on an Agg canvas, not with pyplot: no global backend
# switch, no figure registry, nothing left open when a chart fails, safe in a Dagster worker.


# ── frame ────────────────────────────────────────────────────────────────────────────────────────


def _figure(height_cm: float = S.FIG_HEIGHT_CM, ncols: int = 1, nrows: int = 1, **subplot_kw):
    fig = Figure(figsize=(S.FIG_WIDTH_CM * S.CM, height_cm * S.CM), dpi=S.DPI)
    FigureCanvasAgg(fig)
    fig.set_layout_engine("constrained", h_pad=0.05, w_pad=0.05)
    axes = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, axes


def _finish(fig: Figure, name: str, title: str, as_of, out_dir: Path, source: str = S.DEFAULT_SOURCE) -> Path:
    fig.suptitle(S.chart_title(title, as_of), fontsize=S.TITLE_SIZE, color=S.INK)
    # the source line as the figure's x label: constrained layout keeps room for it under the axes
    fig.supxlabel(S.source_line(as_of, source), x=0.012, ha="left", fontsize=S.SOURCE_SIZE, color=S.GREY)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.png"
    try:
        with atomic(path) as tmp:  # written whole, then renamed: never a half PNG
            fig.savefig(tmp, dpi=S.DPI, format="png", metadata={"Software": None})
    finally:
        fig.clear()
    return path


def _render(name: str, fn, con, as_of, out_dir: Path) -> Path:
    with matplotlib.rc_context(S.mpl_rc()):
        return fn(con, as_of, out_dir)


def _no_data(ax, text: str = "暂无数据") -> None:
    ax.set_axis_off()
    ax.text(
        0.5, 0.5, text, ha="center", va="center", fontsize=S.TITLE_SIZE, color=S.GREY, transform=ax.transAxes
    )


def _pct_axis(axis, decimals: int = 0) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.{decimals}f}%"))


def _int_axis(axis) -> None:
    axis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))


def _hgrid(ax) -> None:
    ax.grid(axis="y", color=S.LIGHT_GREY, linewidth=0.5)


def _vgrid(ax) -> None:
    ax.grid(axis="x", color=S.LIGHT_GREY, linewidth=0.5)


def _legend_above(ax, handles=None, ncol: int = 4, **kw) -> None:
    kw = {
        "loc": "lower left",
        "bbox_to_anchor": (0, 1.01),
        "ncol": ncol,
        "borderaxespad": 0.2,
        "handlelength": 1.4,
        "columnspacing": 1.2,
        **kw,
    }
    if handles is None:
        ax.legend(**kw)
    else:
        ax.legend(handles=handles, **kw)


def _column_text(ax, x: float, y: float, text: str, **kw) -> None:
    """A value in a right-hand column of a horizontal bar chart (white behind it: grid lines stop short)."""
    kw = {"va": "center", "ha": "right", "fontsize": S.ANNOT_SIZE, "color": S.INK, **kw}
    ax.text(x, y, text, bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"}, **kw)


def _limit_xaxis(ax, upto: float) -> None:
    """Ticks and axis line only over the data range (upto ≈ 1.1 × the largest bar); the rest is room for a value
    column on the right."""
    ticks = [t for t in ax.xaxis.get_major_locator()() if 0 <= t <= upto * 1.001]
    ax.set_xticks(ticks)
    ax.spines["bottom"].set_bounds(0, max(ticks[-1], upto / 1.1) if ticks else upto)


def _white_labels(texts) -> None:
    for t in texts:
        t.set_bbox({"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})


def _n(v) -> float:
    return 0.0 if v is None else float(v)


OTHER = ("其他", "未分类")  # catch-all categories: listed last, whatever their size


def _by_size_other_last(items: list[dict], key: str, size: str) -> list[dict]:
    """Largest first, the catch-all categories (其他, 未分类) last."""
    return sorted(items, key=lambda r: ((r.get(key) or "未分类") in OTHER, -_n(r.get(size))))


# ── 矛盾纠纷 ───────────────────────────────────────────────────────────────────────────────────────


def dispute_rate_by_unit(con, as_of, out_dir: Path) -> Path:
    """化解率 by village/community (horizontal bars, coloured by 片区), the town's rate as a reference line."""
    items = [r for r in D.disputes_by_unit(con, as_of)]
    town = D.hv(D.headline(con, as_of), "dispute_resolution_rate")
    if town is None and items:
        town = S.rate(D.total(items, "resolved"), D.total(items, "received"))
    height = max(8.0, 3.6 + 0.52 * len(items))
    fig, ax = _figure(height)
    if not items:
        _no_data(ax)
        return _finish(fig, "dispute_rate_by_unit", "各村（社区）矛盾纠纷化解率", as_of, out_dir)
    items.sort(
        key=lambda r: (
            -(r["resolution_rate"] if r["resolution_rate"] is not None else -1),
            -_n(r["received"]),
        )
    )
    areas = list(dict.fromkeys(r.get("area") or "未划片区" for r in D.sort_units(items)))
    colour = {a: S.AREA_COLOURS[i % len(S.AREA_COLOURS)] for i, a in enumerate(areas)}
    y = list(range(len(items)))
    vals = [_n(r["resolution_rate"]) for r in items]
    ax.barh(y, vals, height=0.62, color=[colour[r.get("area") or "未划片区"] for r in items])
    for yi, r in zip(y, items, strict=True):
        if r["resolution_rate"] is None:
            label = "本年无受理"
        else:
            label = f"{r['resolution_rate']:.2f}%（{_n(r['resolved']):.0f}/{_n(r['received']):.0f}）"
        _column_text(ax, 127, yi, label)
    ax.text(127, -0.9, "化解率（化解/受理）", va="bottom", ha="right", fontsize=S.ANNOT_SIZE, color=S.GREY)
    ax.set_yticks(y, [D.unit_name(r) for r in items])
    ax.invert_yaxis()
    ax.set_xlim(0, 128)
    ax.spines["bottom"].set_bounds(0, 100)
    ax.set_xticks(range(0, 101, 20))
    _pct_axis(ax.xaxis)
    ax.tick_params(axis="y", length=0)
    _vgrid(ax)
    handles = [Patch(color=colour[a], label=a) for a in areas]
    if town is not None:
        ax.axvline(town, color=S.RED, linestyle="--", linewidth=1.0)
        handles.append(Line2D([], [], color=S.RED, linestyle="--", linewidth=1.0, label=f"全镇 {town:.2f}%"))
    _legend_above(ax, handles, ncol=len(handles))
    return _finish(fig, "dispute_rate_by_unit", "各村（社区）矛盾纠纷化解率", as_of, out_dir)


def disputes_by_month(con, as_of, out_dir: Path) -> Path:
    """Monthly received vs resolved (bars, upper panel) and the cumulative figures (lines, lower panel)."""
    items = D.disputes_by_month(con, as_of)
    title = "矛盾纠纷月度受理与化解情况"
    if not items:
        fig, ax = _figure(9.5)
        _no_data(ax)
        return _finish(fig, "disputes_by_month", title, as_of, out_dir)
    fig, (ax, ax2) = _figure(12.5, ncols=1, nrows=2, sharex=True, height_ratios=[1.25, 1])
    x = list(range(len(items)))
    w = 0.38
    b1 = ax.bar(
        [i - w / 2 for i in x], [_n(r["received"]) for r in items], w, color=S.LIGHT_BLUE, label="当月受理"
    )
    b2 = ax.bar([i + w / 2 for i in x], [_n(r["resolved"]) for r in items], w, color=S.NAVY, label="当月化解")
    ax.bar_label(b1, fmt="%.0f", padding=1.5, fontsize=6.5, color=S.INK)
    ax.bar_label(b2, fmt="%.0f", padding=1.5, fontsize=6.5, color=S.INK)
    ax.set_ylabel("当月（件）")
    _int_axis(ax.yaxis)
    ax.set_ylim(0, max(_n(r["received"]) for r in items) * 1.22 or 1)
    _hgrid(ax)
    ax.tick_params(axis="x", length=0)
    _legend_above(ax, [b1, b2], ncol=2)
    cr = [_n(r["cumulative_received"]) for r in items]
    cs = [_n(r["cumulative_resolved"]) for r in items]
    last = items[-1]
    rate_txt = "" if last.get("cumulative_rate") is None else f"，累计化解率{last['cumulative_rate']:.2f}%"
    l1 = ax2.plot(
        x, cr, color=S.ORANGE, marker="o", markersize=3, linewidth=1.4, label=f"累计受理（{cr[-1]:.0f}件）"
    )[0]
    l2 = ax2.plot(
        x,
        cs,
        color=S.TEAL,
        marker="s",
        markersize=3,
        linewidth=1.4,
        label=f"累计化解（{cs[-1]:.0f}件{rate_txt}）",
    )[0]
    ax2.set_ylabel("累计（件）")
    ax2.set_ylim(0, max(cr + [1]) * 1.12)
    _int_axis(ax2.yaxis)
    _hgrid(ax2)
    ax2.legend(handles=[l1, l2], loc="upper left", ncol=1)
    ax2.set_xticks(x, [S.month_label(r["month"], as_of) for r in items])
    return _finish(fig, "disputes_by_month", title, as_of, out_dir)


def disputes_by_category(con, as_of, out_dir: Path) -> Path:
    """Disputes received and resolved by category, with each category's rate."""
    items = _by_size_other_last(D.disputes_by_category(con, as_of), "dispute_type", "received")
    fig, ax = _figure(max(7.5, 3.8 + 0.9 * len(items)))
    title = "矛盾纠纷分类受理与化解情况"
    if not items:
        _no_data(ax)
        return _finish(fig, "disputes_by_category", title, as_of, out_dir)
    y = list(range(len(items)))
    h = 0.38
    b1 = ax.barh(
        [i - h / 2 for i in y], [_n(r["received"]) for r in items], h, color=S.LIGHT_BLUE, label="受理"
    )
    b2 = ax.barh([i + h / 2 for i in y], [_n(r["resolved"]) for r in items], h, color=S.NAVY, label="化解")
    ax.bar_label(b1, fmt="%.0f", padding=2, fontsize=S.ANNOT_SIZE)
    ax.bar_label(b2, fmt="%.0f", padding=2, fontsize=S.ANNOT_SIZE)
    top = max(_n(r["received"]) for r in items) or 1
    for yi, r in zip(y, items, strict=True):
        txt = "—" if r["resolution_rate"] is None else f"化解率 {r['resolution_rate']:.2f}%"
        _column_text(ax, top * 1.45, yi, txt)
    ax.set_yticks(y, [r["dispute_type"] or "未分类" for r in items])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.46)
    _int_axis(ax.xaxis)
    _limit_xaxis(ax, top * 1.1)
    ax.set_xlabel("件数（件）")
    ax.tick_params(axis="y", length=0)
    _vgrid(ax)
    _legend_above(ax, ncol=2)
    return _finish(fig, "disputes_by_category", title, as_of, out_dir)


def dispute_levels(con, as_of, out_dir: Path) -> Path:
    """Where disputes were resolved (the levels of etl/ledgers.yaml: 村/社区 · 片区调解室 · 镇 · 上级/移交), and the
    three shares named as the headline indicators name them."""
    town = D.town_levels(con, as_of)
    fig, (ax1, ax2) = _figure(8.5, ncols=2, width_ratios=[1.15, 1])
    title = "矛盾纠纷化解层级"
    if not town or not town.get("resolved"):
        _no_data(ax1)
        _no_data(ax2)
        return _finish(fig, "dispute_levels", title, as_of, out_dir)
    resolved = _n(town["resolved"])
    levels = [(level, town[col]) for level, col in D.LEVEL_COLUMNS.items()]
    if _n(town.get("unknown_level")):
        levels.append(("未注明", town["unknown_level"]))
    x = list(range(len(levels)))
    bars = ax1.bar(x, [_n(v) for _, v in levels], 0.6, color=[S.LEVEL_COLOURS[k] for k, _ in levels])
    ax1.bar_label(
        bars,
        labels=[f"{_n(v):.0f}件\n{S.rate(_n(v), resolved):.2f}%" for _, v in levels],
        padding=2,
        fontsize=S.ANNOT_SIZE,
    )
    ax1.set_xticks(x, [_wrap_label(D.LEVEL_NAMES.get(k, k)) for k, _ in levels])
    ax1.tick_params(axis="x", length=0)
    ax1.set_ylim(0, max(_n(v) for _, v in levels) * 1.3)
    _int_axis(ax1.yaxis)
    ax1.set_ylabel("化解件数（件）")
    ax1.set_title(f"按化解层级（共化解{resolved:.0f}件）", fontsize=S.LABEL_SIZE + 0.5, loc="left")
    _hgrid(ax1)
    shares = [
        (D.SHARE_NAMES["within_village_rate"], town["within_village_rate"], S.NAVY),
        (D.SHARE_NAMES["within_town_rate"], town["within_town_rate"], S.TEAL),
        (D.SHARE_NAMES["escalated_rate"], town["escalated_rate"], S.LEVEL_COLOURS[D.ESCALATED]),
    ]
    y = list(range(len(shares)))
    ax2.barh(y, [_n(v) for _, v, _ in shares], 0.55, color=[c for _, _, c in shares])
    for yi, (_, v, _) in zip(y, shares, strict=True):
        ax2.text(_n(v) + 2, yi, "—" if v is None else f"{v:.2f}%", va="center", fontsize=S.ANNOT_SIZE + 0.5)
    ax2.set_yticks(y, [_wrap_label(k.removesuffix("占比"), 8) for k, _, _ in shares])
    ax2.invert_yaxis()
    ax2.set_xlim(0, 122)
    ax2.set_xticks(range(0, 101, 25))
    _pct_axis(ax2.xaxis)
    ax2.tick_params(axis="y", length=0)
    ax2.set_title("占化解总数的比例", fontsize=S.LABEL_SIZE + 0.5, loc="left")
    _vgrid(ax2)
    return _finish(fig, "dispute_levels", title, as_of, out_dir)


def _wrap_label(text: str, width: int = 6) -> str:
    """A tick label on two lines when it is long: 片区调解室 → 片区\n调解室, 村（社区） → 村\n（社区）."""
    if S.text_width(text) <= width:
        return text
    if "（" in text[1:]:
        k = text.index("（", 1)
        return text[:k] + "\n" + text[k:]
    if "/" in text:
        k = text.index("/")
        return text[:k] + "\n" + text[k:]
    half = len(text) // 2
    return text[:half] + "\n" + text[half:]


# ── 三官一律 ───────────────────────────────────────────────────────────────────────────────────────


def legal_visits_by_month(con, as_of, out_dir: Path) -> Path:
    """“三官一律” by month: visits, disputes resolved, consultations."""
    items = D.legal_by_month(con, as_of)
    fig, ax = _figure(9.0)
    title = "“三官一律”下沉工作月度情况"
    if not items:
        _no_data(ax)
        return _finish(fig, "legal_visits_by_month", title, as_of, out_dir)
    x = list(range(len(items)))
    series = [
        ("visits", "下沉", "次", S.NAVY),
        ("disputes_resolved", "化解纠纷", "件", S.ORANGE),
        ("consultations", "法律咨询", "次", S.TEAL),
    ]
    w = 0.27
    handles = []
    for k, (key, label, unit, colour) in enumerate(series):
        vals = [_n(r[key]) for r in items]
        handles.append(
            ax.bar(
                [i + (k - 1) * w for i in x],
                vals,
                w,
                color=colour,
                label=f"{label}（共{sum(vals):.0f}{unit}）",
            )
        )
    ax.set_xticks(x, [S.month_label(r["month"], as_of) for r in items])
    _int_axis(ax.yaxis)
    ax.set_ylabel("次 / 件")
    _hgrid(ax)
    _legend_above(ax, handles, ncol=3)
    return _finish(fig, "legal_visits_by_month", title, as_of, out_dir, source="“三官一律”下沉工作台账")


# ── 重点项目 ───────────────────────────────────────────────────────────────────────────────────────


def _zone_label(zone: str) -> str:
    return {"镇": "镇重点项目", "园区": "园区重点项目"}.get(zone, f"{zone}项目")


def key_projects_by_stage(con, as_of, out_dir: Path) -> Path:
    """Key projects of 镇 and 园区 by stage (stacked bars)."""
    items = [r for r in D.projects_by_stage(con, as_of) if r["stage"] != "合计"]
    zones = list(dict.fromkeys(r["zone"] for r in items))
    fig, ax = _figure(max(6.0, 3.8 + 1.2 * len(zones)))
    title = "重点项目分阶段情况"
    source = "镇项目办、园区管委会重点项目台账"
    if not items:
        _no_data(ax)
        return _finish(fig, "key_projects_by_stage", title, as_of, out_dir, source)
    stages = [s for s in D.STAGES if any(r["stage"] == s for r in items)]
    stages += [s for s in dict.fromkeys(r["stage"] for r in items) if s not in stages]
    count = {(r["zone"], r["stage"]): _n(r["projects"]) for r in items}
    y = list(range(len(zones)))
    left = [0.0] * len(zones)
    handles = []
    for s in stages:
        vals = [count.get((z, s), 0.0) for z in zones]
        bars = ax.barh(
            y,
            vals,
            0.55,
            left=left,
            color=S.STAGE_COLOURS.get(s, S.GREY),
            label=s,
            edgecolor="white",
            linewidth=0.8,
        )
        handles.append(bars)
        widest = max(sum(count.get((z, st), 0.0) for st in stages) for z in zones) or 1
        for yi, v, lft in zip(y, vals, left, strict=True):
            if v:
                dark = S.STAGE_COLOURS.get(s, S.GREY) in (S.NAVY, S.TEAL)
                text = f"{s}{v:.0f}" if v / widest >= 0.1 else f"{v:.0f}"
                ax.text(
                    lft + v / 2,
                    yi,
                    text,
                    ha="center",
                    va="center",
                    fontsize=S.ANNOT_SIZE,
                    color="white" if dark else S.INK,
                )
        left = [a + b for a, b in zip(left, vals, strict=True)]
    for yi, tot in zip(y, left, strict=True):
        ax.text(tot + max(left) * 0.015, yi, f"共{tot:.0f}个", va="center", fontsize=S.ANNOT_SIZE + 0.5)
    ax.set_yticks(y, [_zone_label(z) for z in zones])
    ax.invert_yaxis()
    ax.set_xlim(0, max(left) * 1.15 or 1)
    _int_axis(ax.xaxis)
    _limit_xaxis(ax, max(left))
    ax.set_xlabel("项目数（个）")
    ax.tick_params(axis="y", length=0)
    _vgrid(ax)
    _legend_above(ax, handles, ncol=len(handles))
    return _finish(fig, "key_projects_by_stage", title, as_of, out_dir, source)


def investment_completion(con, as_of, out_dir: Path) -> Path:
    """Annual-plan investment completion by zone and stage against 序时进度."""
    items = [r for r in D.projects_by_stage(con, as_of)]
    fig, ax = _figure(9.5)
    title = "重点项目年度投资完成率与序时进度"
    source = "镇项目办、园区管委会重点项目台账"
    if not items:
        _no_data(ax)
        return _finish(fig, "investment_completion", title, as_of, out_dir, source)
    zones = list(dict.fromkeys(r["zone"] for r in items))
    xs, labels, vals, colours, centres = [], [], [], [], []
    pos = 0.0
    for z in zones:
        zr = [r for r in items if r["zone"] == z]
        start = pos
        for r in zr:
            xs.append(pos)
            labels.append(f"{r['stage']}\n{_n(r['projects']):.0f}个")
            vals.append(r["completion_rate"])
            colours.append(S.TOTAL if r["stage"] == "合计" else S.STAGE_COLOURS.get(r["stage"], S.BLUE))
            pos += 1
        centres.append(((start + pos - 1) / 2, _zone_label(z)))
        pos += 0.8
    bars = ax.bar(xs, [_n(v) for v in vals], 0.62, color=colours, zorder=2)
    schedule = next((r["schedule_rate"] for r in items if r.get("schedule_rate") is not None), None)
    top = max([_n(v) for v in vals] + [_n(schedule), 1])
    ax.set_ylim(0, max(100.0, top) * 1.18)
    _rate_labels(ax, bars, vals, schedule)
    _pct_axis(ax.yaxis)
    ax.set_ylabel("投资完成率（累计完成/年度计划）")
    ax.set_xticks(xs, labels)
    ax.tick_params(axis="x", length=0)
    sec = ax.secondary_xaxis(location=0)
    sec.set_xticks([c for c, _ in centres], [lbl for _, lbl in centres])
    sec.tick_params(axis="x", length=0, pad=26, labelsize=S.LABEL_SIZE)
    sec.spines["bottom"].set_visible(False)
    _hgrid(ax)
    handles = [Patch(color=c, label=s) for s, c in S.STAGE_COLOURS.items()] + [
        Patch(color=S.TOTAL, label="合计")
    ]
    if schedule is not None:  # behind the bars: it never crosses a bar or a label
        ax.axhline(schedule, color=S.RED, linestyle="--", linewidth=1.0, zorder=1.5)
        handles.append(
            Line2D([], [], color=S.RED, linestyle="--", linewidth=1.0, label=f"序时进度 {schedule:.2f}%")
        )
    _legend_above(ax, handles, ncol=len(handles))
    return _finish(fig, "investment_completion", title, as_of, out_dir, source)


def _rate_labels(ax, bars, vals, line: float | None) -> None:
    """Each bar's rate above it — or inside its top, in white, when the reference line (序时进度) runs just
    above the bar and would strike the label through. The line is drawn behind the bars, so a label inside a
    bar, or above a bar the line crosses, is never struck."""
    height = ax.get_ylim()[1] * 0.075  # a label's height in data units, with its padding
    for bar, v in zip(bars, vals, strict=True):
        x = bar.get_x() + bar.get_width() / 2
        text = "—" if v is None else f"{v:.2f}%"
        top = _n(v)
        inside = line is not None and v is not None and top < line < top + height and top > 1.5 * height
        if inside:
            dark = bar.get_facecolor()[:3]
            colour = "white" if sum(dark) < 1.8 else S.INK
            ax.text(
                x,
                top - height * 0.2,
                text,
                ha="center",
                va="top",
                fontsize=S.ANNOT_SIZE,
                color=colour,
                zorder=3,
            )
        else:
            ax.text(
                x,
                top + height * 0.15,
                text,
                ha="center",
                va="bottom",
                fontsize=S.ANNOT_SIZE,
                color=S.INK,
                zorder=3,
            )


# ── 网格事件 ───────────────────────────────────────────────────────────────────────────────────────

GRID_SOURCE = "东星社区网格化服务管理平台"


def grid_events_by_type(con, as_of, out_dir: Path) -> Path:
    """Grid events collected by type, with each type's 按期办结率."""
    items = _by_size_other_last(D.grid_by_type(con, as_of), "event_type", "collected")
    fig, ax = _figure(max(7.0, 3.6 + 0.75 * len(items)))
    title = "东星社区网格事件分类采集情况"
    if not items:
        _no_data(ax)
        return _finish(fig, "grid_events_by_type", title, as_of, out_dir, GRID_SOURCE)
    y = list(range(len(items)))
    bars = ax.barh(y, [_n(r["collected"]) for r in items], 0.6, color=S.TEAL)
    ax.bar_label(bars, fmt="%.0f件", padding=3, fontsize=S.ANNOT_SIZE)
    top = max(_n(r["collected"]) for r in items) or 1
    for yi, r in zip(y, items, strict=True):
        txt = "—" if r["on_time_rate"] is None else f"按期办结率 {r['on_time_rate']:.2f}%"
        _column_text(ax, top * 1.5, yi, txt)
    ax.set_yticks(y, [r["event_type"] or "未分类" for r in items])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.51)
    _int_axis(ax.xaxis)
    _limit_xaxis(ax, top * 1.12)
    ax.set_xlabel("采集事件数（件）")
    ax.tick_params(axis="y", length=0)
    _vgrid(ax)
    return _finish(fig, "grid_events_by_type", title, as_of, out_dir, GRID_SOURCE)


def grid_events_by_month(con, as_of, out_dir: Path) -> Path:
    """Grid events collected and closed by month (bars) and 按期办结率 (line, right axis)."""
    items = D.grid_by_month(con, as_of)
    fig, ax = _figure(9.5)
    title = "东星社区网格事件月度办理情况"
    if not items:
        _no_data(ax)
        return _finish(fig, "grid_events_by_month", title, as_of, out_dir, GRID_SOURCE)
    x = list(range(len(items)))
    w = 0.38
    b1 = ax.bar(
        [i - w / 2 for i in x], [_n(r["collected"]) for r in items], w, color=S.LIGHT_BLUE, label="采集"
    )
    b2 = ax.bar([i + w / 2 for i in x], [_n(r["closed"]) for r in items], w, color=S.NAVY, label="办结")
    ax.set_xticks(x, [S.month_label(r["month"], as_of) for r in items])
    _int_axis(ax.yaxis)
    ax.set_ylabel("事件数（件）")
    ax.set_ylim(0, max(_n(r["collected"]) for r in items) * 1.55 or 1)  # bars in the lower two thirds
    _hgrid(ax)
    ax2 = ax.twinx()
    ax2.spines["right"].set_visible(True)
    rates = [r["on_time_rate"] for r in items]
    pts = [(xi, v) for xi, v in zip(x, rates, strict=True) if v is not None]
    handles = [b1, b2]
    if pts:
        line = ax2.plot(
            [p[0] for p in pts],
            [p[1] for p in pts],
            color=S.ORANGE,
            marker="o",
            markersize=3,
            linewidth=1.4,
            label="按期办结率",
        )[0]
        handles.append(line)
        for xi, v in pts:
            ax2.annotate(
                f"{v:.1f}%",
                (xi, v),
                xytext=(0, 5),
                textcoords="offset points",
                ha="center",
                fontsize=6.5,
                color=S.ORANGE,
            )
        # the line runs above the bars: its lowest point at ~72 % of the height, 100 % at ~90 %
        lo = min(min(v for _, v in pts), 99.0)
        span = (100 - lo) / 0.18
        bottom = max(0.0, lo - 0.72 * span)
        ax2.set_ylim(bottom, bottom + max(span, (100 - bottom) / 0.9))
    else:
        ax2.set_ylim(0, 112)
    ax2.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    ax2.set_yticks([t for t in ax2.get_yticks() if ax2.get_ylim()[0] <= t <= 100])
    _pct_axis(ax2.yaxis)
    ax2.set_ylabel("按期办结率（按期办结/办结）")
    _legend_above(ax, handles, ncol=3)
    return _finish(fig, "grid_events_by_month", title, as_of, out_dir, GRID_SOURCE)


# ── 党组织活动 ─────────────────────────────────────────────────────────────────────────────────────


def party_by_org(con, as_of, out_dir: Path) -> Path:
    """Activities and 参学率 (实到/应到) by party organisation, the town's 参学率 as a reference line."""
    items = D.party_by_org(con, as_of)
    town = D.hv(D.headline(con, as_of), "party_attendance_rate")
    if town is None and items:
        town = S.rate(D.total(items, "attended"), D.total(items, "expected"))
    fig, (ax1, ax2) = _figure(max(8.0, 3.6 + 0.48 * len(items)), ncols=2, sharey=True, width_ratios=[1, 1])
    title = "各党组织活动开展及参学情况"
    source = "各党组织“三会一课”“主题党日”活动台账"
    if not items:
        _no_data(ax1)
        _no_data(ax2)
        return _finish(fig, "party_by_org", title, as_of, out_dir, source)
    y = list(range(len(items)))
    b = ax1.barh(y, [_n(r["activities"]) for r in items], 0.62, color=S.NAVY)
    ax1.bar_label(b, fmt="%.0f", padding=2, fontsize=S.ANNOT_SIZE - 0.5)
    ax1.set_yticks(y, [r["org"] or r["party_org_id"] for r in items])
    ax1.invert_yaxis()
    ax1.set_xlim(0, max(_n(r["activities"]) for r in items) * 1.18 or 1)
    _int_axis(ax1.xaxis)
    ax1.set_title("活动次数（次）", fontsize=S.LABEL_SIZE + 0.5, loc="left")
    ax1.tick_params(axis="y", length=0)
    _vgrid(ax1)
    # 参学率 lies between about 90 % and 100 %: on a 0–100 % axis the differences vanish. The axis is zoomed to
    # the data (it starts at lo, said in the panel's title), so the rates are dots on a line, not bars — a bar
    # cut off at lo would exaggerate the differences it shows.
    rates = [r["attendance_rate"] for r in items if r["attendance_rate"] is not None]
    lo = _zoom_floor(rates + ([town] if town is not None else []))
    for yi, r in zip(y, items, strict=True):
        v = r["attendance_rate"]
        if v is None:
            continue
        ax2.plot([lo, v], [yi, yi], color=S.LIGHT_GREY, linewidth=1.0, zorder=1)
        ax2.plot([v], [yi], "o", color=S.TEAL, markersize=4, zorder=3)
    right = 100 + (100 - lo) * 0.42  # room for the value column
    for yi, r in zip(y, items, strict=True):
        _column_text(
            ax2,
            right,
            yi,
            "—" if r["attendance_rate"] is None else f"{r['attendance_rate']:.2f}%",
            fontsize=S.ANNOT_SIZE - 0.5,
        )
    ax2.set_xlim(lo, right + (100 - lo) * 0.01)
    step = 2 if 100 - lo <= 12 else 5
    ax2.set_xticks([t for t in range(int(lo), 101) if t % step == 0])
    ax2.spines["bottom"].set_bounds(lo, 100)
    _pct_axis(ax2.xaxis)
    ax2.set_title(f"参学率（实到/应到），横轴自{lo:.0f}%起", fontsize=S.LABEL_SIZE + 0.5, loc="left")
    ax2.tick_params(axis="y", length=0, labelleft=False)
    _vgrid(ax2)
    if town is not None:
        ax2.axvline(town, color=S.RED, linestyle="--", linewidth=1.0, ymax=1.0, zorder=2)
        ax2.legend(
            handles=[Line2D([], [], color=S.RED, linestyle="--", linewidth=1.0, label=f"全镇 {town:.2f}%")],
            loc="lower right",
            bbox_to_anchor=(1, 1.06),
            borderaxespad=0.2,
        )
    return _finish(fig, "party_by_org", title, as_of, out_dir, source)


def _zoom_floor(rates: list[float]) -> float:
    """Where a zoomed percentage axis starts: a round number (a multiple of 5) a little below the lowest rate,
    0 when the rates spread over more than half the scale (then nothing needs zooming)."""
    if not rates:
        return 0.0
    low = min(rates)
    floor = max(0.0, (low - max(1.0, (100 - low) * 0.15)) // 5 * 5)
    return 0.0 if floor < 50 else floor


# ── registry ─────────────────────────────────────────────────────────────────────────────────────

_FUNCS = {
    "dispute_rate_by_unit": dispute_rate_by_unit,
    "disputes_by_month": disputes_by_month,
    "disputes_by_category": disputes_by_category,
    "dispute_levels": dispute_levels,
    "legal_visits_by_month": legal_visits_by_month,
    "key_projects_by_stage": key_projects_by_stage,
    "investment_completion": investment_completion,
    "grid_events_by_type": grid_events_by_type,
    "grid_events_by_month": grid_events_by_month,
    "party_by_org": party_by_org,
}

CHART_TITLES = catalog.CHART_TITLES


def _wrap(name: str, fn) -> ChartFn:
    def chart(con, as_of, out_dir: Path) -> Path:
        return _render(name, fn, con, S.to_date(as_of), Path(out_dir))

    chart.__name__ = name
    chart.__doc__ = fn.__doc__
    return chart


# name → function(con, as_of, out_dir) -> Path of the PNG (rcParams scoped to the call)
CHARTS: dict[str, ChartFn] = {name: _wrap(name, fn) for name, fn in _FUNCS.items()}


def render_all(con, as_of, out_dir: Path) -> dict[str, Path]:
    """Every chart of CHARTS into out_dir; {name: png path}."""
    return {name: fn(con, as_of, out_dir) for name, fn in CHARTS.items()}


# ── thumbnails for Dagster metadata ──────────────────────────────────────────────────────────────


def thumbnail(png: Path, max_width: int = S.THUMB_WIDTH) -> bytes:
    """A small PNG (≤ max_width px wide, palette colours) of a chart, well under 60 KB."""
    from PIL import Image

    with Image.open(png) as im:
        im = im.convert("RGB")
        if im.width > max_width:
            im = im.resize(
                (max_width, max(1, round(im.height * max_width / im.width))), Image.Resampling.LANCZOS
            )
        small = im.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        buf = io.BytesIO()
        small.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def thumbnail_markdown(png: Path, max_width: int = S.THUMB_WIDTH, alt: str = "") -> str:
    """Markdown with the thumbnail inlined: ![alt](data:image/png;base64,…) — for MetadataValue.md."""
    b64 = base64.b64encode(thumbnail(png, max_width)).decode("ascii")
    return f"![{alt}](data:image/png;base64,{b64})"
