"""GA4 BigQuery export: nested rows per day (Parquet or NDJSON), with injected faults."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from clicktrail.generator import catalog as cat
from clicktrail.generator.config import US_PER_DAY, US_PER_S, GeneratorConfig
from clicktrail.generator.ga4_events import (
    CTA,
    DOWNLOAD,
    ENGAGEMENT,
    EVENT_NAMES,
    FORM_START,
    FORM_SUBMIT,
    OUTBOUND,
    PAGE_VIEW,
    SCROLL,
    SEARCH,
    SESSION_START,
    VIDEO_COMPLETE,
    VIDEO_PROGRESS,
    VIDEO_START,
    Ga4Events,
)
from clicktrail.generator.jsonl import to_json_lines
from clicktrail.generator.rng import mix64, salt, stage_rng
from clicktrail.generator.text import write_text
from clicktrail.generator.web_sessions import WebPlan
from clicktrail.generator.world import World

TRUE, DUPLICATE, NULL_TIMESTAMP, CONSENT_DENIED, BAD_URL = 0, 1, 2, 3, 4
FAULT_NAMES = {
    DUPLICATE: "duplicate_row",
    NULL_TIMESTAMP: "null_event_timestamp",
    CONSENT_DENIED: "consent_denied_no_ids",
    BAD_URL: "unparseable_page_location",
}
FAULT_RATES = {DUPLICATE: 0.002, NULL_TIMESTAMP: 0.0005, CONSENT_DENIED: 0.004, BAD_URL: 0.0002}
BAD_URL_VALUE = "ht!tp://%%%"

VALUE_T = pa.struct(
    [
        ("string_value", pa.string()),
        ("int_value", pa.int64()),
        ("float_value", pa.float64()),
        ("double_value", pa.float64()),
    ]
)
PARAM_T = pa.struct([("key", pa.string()), ("value", VALUE_T)])
ITEM_T = pa.struct(
    [
        ("item_id", pa.string()),
        ("item_name", pa.string()),
        ("item_category", pa.string()),
        ("price", pa.float64()),
        ("quantity", pa.int64()),
    ]
)
DEVICE_T = pa.struct(
    [
        ("category", pa.string()),
        ("mobile_brand_name", pa.string()),
        ("mobile_model_name", pa.string()),
        ("operating_system", pa.string()),
        ("operating_system_version", pa.string()),
        ("language", pa.string()),
        (
            "web_info",
            pa.struct(
                [
                    ("browser", pa.string()),
                    ("browser_version", pa.string()),
                    ("hostname", pa.string()),
                ]
            ),
        ),
    ]
)
GEO_T = pa.struct(
    [(k, pa.string()) for k in ("continent", "sub_continent", "country", "region", "city", "metro")]
)
TRAFFIC_T = pa.struct([(k, pa.string()) for k in ("name", "medium", "source")])
COLLECTED_T = pa.struct(
    [
        (k, pa.string())
        for k in (
            "manual_campaign_id",
            "manual_campaign_name",
            "manual_source",
            "manual_medium",
            "manual_term",
            "manual_content",
            "gclid",
            "dclid",
            "srsltid",
        )
    ]
)
PRIVACY_T = pa.struct(
    [(k, pa.string()) for k in ("analytics_storage", "ads_storage", "uses_transient_token")]
)
SCHEMA = pa.schema(
    [
        ("event_date", pa.string()),
        ("event_timestamp", pa.int64()),
        ("event_name", pa.string()),
        ("event_params", pa.list_(PARAM_T)),
        ("event_previous_timestamp", pa.int64()),
        ("event_value_in_usd", pa.float64()),
        ("event_bundle_sequence_id", pa.int64()),
        ("event_server_timestamp_offset", pa.int64()),
        ("user_id", pa.string()),
        ("user_pseudo_id", pa.string()),
        ("privacy_info", PRIVACY_T),
        ("user_properties", pa.list_(PARAM_T)),
        ("user_first_touch_timestamp", pa.int64()),
        ("device", DEVICE_T),
        ("geo", GEO_T),
        ("traffic_source", TRAFFIC_T),
        ("collected_traffic_source", COLLECTED_T),
        ("stream_id", pa.string()),
        ("platform", pa.string()),
        ("items", pa.list_(ITEM_T)),
        ("is_active_user", pa.bool_()),
    ]
)

# event parameters: (key, is_string), written in this order
PARAM_KEYS: tuple[tuple[str, bool], ...] = (
    ("page_location", True),
    ("page_referrer", True),
    ("page_title", True),
    ("ga_session_id", False),
    ("ga_session_number", False),
    ("session_engaged", True),
    ("engagement_time_msec", False),
    ("percent_scrolled", False),
    ("source", True),
    ("medium", True),
    ("campaign", True),
    ("term", True),
    ("content", True),
    ("gclid", True),
    ("cta_name", True),
    ("video_title", True),
    ("video_provider", True),
    ("video_percent", False),
    ("file_name", True),
    ("file_extension", True),
    ("link_url", True),
    ("link_domain", True),
    ("outbound", True),
    ("form_id", True),
    ("form_name", True),
    ("form_type", True),
    ("email_sha256", True),
    ("search_term", True),
    ("user_agent", True),
)
K = {k: i for i, (k, _) in enumerate(PARAM_KEYS)}


def _faults(rng: np.random.Generator, ev: Ga4Events) -> tuple[np.ndarray, np.ndarray]:
    """(source event, variant) of every injected fault row."""
    src, var = [], []
    pageviews = np.flatnonzero(ev.name == PAGE_VIEW)
    for variant, rate in FAULT_RATES.items():
        pool = pageviews if variant == BAD_URL else np.arange(ev.n)
        k = max(1, round(rate * ev.n))
        src.append(np.sort(rng.choice(pool, size=min(k, pool.size), replace=False)))
        var.append(np.full(src[-1].size, variant, np.int8))
    return np.concatenate(src), np.concatenate(var)


class Ga4Writer:
    """Builds the nested BigQuery-export rows of one day at a time.

    String columns are built as dictionary arrays over compact per-column dictionaries (no
    per-row string copies); the Parquet file stores plain UTF-8 strings, so readers see
    ``string`` columns (the Arrow schema is not embedded).
    """

    def __init__(self, cfg: GeneratorConfig, world: World, plan: WebPlan, ev: Ga4Events) -> None:
        self.cfg, self.world, self.plan, self.ev = cfg, world, plan, ev
        st = plan.strings
        self.bad_url = st.one(BAD_URL_VALUE)
        self.titles = np.array([st.one(pg.title) for pg in cat.PAGES])
        self.ua = np.array([st.one(b.ua) for b in cat.BROWSERS])
        self.flags = np.array([st.one("0"), st.one("1"), st.one("true")])
        self.youtube, self.pdf = st.one("youtube"), st.one("pdf")
        self.form_id = np.array([st.one(x) for x in cat.FORM_IDS])
        self.form_name = np.array([st.one(x) for x in cat.FORM_NAMES])
        self.form_type = np.array([st.one(x) for x in cat.FORM_TYPES])
        self.link_domain = np.array([st.one(d) for _, d in cat.OUTBOUND_LINKS])
        ct = world.contacts
        self.sha = st.add(ct.email_sha256)
        self.user_ids = np.where(ct.has_user, st.add(pc.fill_null(ct.user_id, "")), -1)
        n_pv = np.diff(plan.s_pv_offset)
        self.engaged = (n_pv >= 2) | (plan.s_form >= 0)
        # GA4's traffic_source is the user's first acquisition: the visitor's first session
        vis = plan.visitors
        first = np.flatnonzero(plan.s_number == 1)
        self.first_session = np.full(vis.n, -1)
        self.first_session[plan.s_visitor[first]] = first
        fallback = np.full(plan.n_sessions, st.one("(not set)"))
        for med, name in (
            ("organic", "(organic)"),
            ("(none)", "(direct)"),
            ("referral", "(referral)"),
        ):
            fallback[plan.s_med == st.one(med)] = st.one(name)
        self.s_name = np.where(plan.s_cmp >= 0, plan.s_cmp, fallback)
        self.pseudo_vis = pc.cast(vis.pseudo_id, pa.string())
        self.table = pc.cast(st.table(), pa.string())
        self.key_dict = pa.array([k for k, _ in PARAM_KEYS], pa.string())
        self.name_dict = pa.array(list(EVENT_NAMES), pa.string())
        self.is_str_key = np.array([s for _, s in PARAM_KEYS])

    def _dict(self, idx: np.ndarray, valid: np.ndarray | None = None) -> pa.DictionaryArray:
        """Dictionary column over the string table (null where idx < 0 or not valid)."""
        return _compact(self.table, idx, valid)

    # -------------------------------------------------------------- per-day assembly
    def day_table(self, rows: np.ndarray, variant: np.ndarray, day: int) -> pa.Table:
        ev, plan, vis = self.ev, self.plan, self.plan.visitors
        n = rows.size
        pv, sess = ev.pv[rows], ev.session[rows]
        name, ival, sval = ev.name[rows], ev.ival[rows], ev.sval[rows]
        ts = ev.ts[rows] + np.where(variant == BAD_URL, 1000, 0)
        vtr = plan.s_visitor[sess]
        consent = variant == CONSENT_DENIED
        landing = (pv == plan.s_pv_offset[sess]) & np.isin(name, [PAGE_VIEW, SESSION_START])
        parts: list[tuple[int, np.ndarray, np.ndarray]] = []

        def put(key: str, values: np.ndarray | int, mask: np.ndarray | None = None) -> None:
            v = np.broadcast_to(np.asarray(values, np.int64), (n,))
            ok = (v >= 0) if mask is None else mask & (v >= 0)
            r = np.flatnonzero(ok)
            parts.append((K[key], r, v[r]))

        put("page_location", np.where(variant == BAD_URL, self.bad_url, plan.pv_url[pv]))
        put("page_referrer", plan.pv_ref[pv])
        put("page_title", self.titles[plan.pv_page[pv]])
        put("ga_session_id", plan.s_start[sess] // US_PER_S, ~consent)
        put("ga_session_number", plan.s_number[sess], ~consent)
        put("session_engaged", self.flags[self.engaged[sess].astype(np.int64)])
        scroll = name == SCROLL
        put(
            "engagement_time_msec",
            np.where(scroll, (ts - plan.pv_start[pv]) // 1000, ival),
            scroll | (name == ENGAGEMENT),
        )
        put("percent_scrolled", ival, scroll)
        manual = landing & plan.s_manual[sess]
        for key, arr in (
            ("source", plan.s_src),
            ("medium", plan.s_med),
            ("campaign", plan.s_cmp),
            ("term", plan.s_term),
            ("content", plan.s_content),
        ):
            put(key, arr[sess], manual)
        put("gclid", plan.s_gclid[sess], landing)
        put("cta_name", sval, name == CTA)
        video = np.isin(name, [VIDEO_START, VIDEO_PROGRESS, VIDEO_COMPLETE])
        put("video_title", sval, video)
        put("video_provider", self.youtube, video)
        put("video_percent", ival, video)
        dl = name == DOWNLOAD
        out = name == OUTBOUND
        put("file_name", sval, dl)
        put("file_extension", self.pdf, dl)
        put("link_url", np.where(dl, plan.pv_url[pv], sval), dl | out)
        put("link_domain", self.link_domain[np.where(out, ival, 0)], out)
        put("outbound", self.flags[2], out)
        form = np.isin(name, [FORM_START, FORM_SUBMIT])
        ft = np.where(form, sval, 0)
        put("form_id", self.form_id[ft], form)
        put("form_name", self.form_name[ft], form)
        put("form_type", self.form_type[ft], form)
        contact = vis.contact[vtr]
        put(
            "email_sha256", self.sha[np.maximum(contact, 0)], (name == FORM_SUBMIT) & (contact >= 0)
        )
        put("search_term", sval, name == SEARCH)
        put("user_agent", self.ua[vis.browser[vtr]])
        event_params = self._params(n, parts)

        uid = plan.s_user_id[sess]
        fs = self.first_session[vtr]
        coll = landing & (plan.s_manual[sess] | (plan.s_gclid[sess] >= 0))
        b, country = vis.browser[vtr], vis.country[vtr]
        city = _CITY_BASE[country] + vis.city[vtr]
        web_info = pa.StructArray.from_arrays(
            [
                _static(b, "browser"),
                _static(b, "browser_version"),
                _const(n, "www.example-saas.com"),
            ],
            names=["browser", "browser_version", "hostname"],
        )
        device = pa.StructArray.from_arrays(
            [
                _static(b, "category"),
                _static(b, "brand"),
                _static(b, "model"),
                _static(b, "os"),
                _static(b, "os_version"),
                _dict_of(country, _LANGS),
                web_info,
            ],
            names=DEVICE_T.names,
        )
        geo = pa.StructArray.from_arrays(
            [
                _dict_of(country, _CONTINENTS),
                _dict_of(country, _SUBCONTINENTS),
                _dict_of(country, _COUNTRY_NAMES),
                _dict_of(city, _REGIONS),
                _dict_of(city, _CITIES),
                _const(n, "(not set)"),
            ],
            names=GEO_T.names,
        )
        traffic = pa.StructArray.from_arrays(
            [self._dict(self.s_name[fs]), self._dict(plan.s_med[fs]), self._dict(plan.s_src[fs])],
            names=TRAFFIC_T.names,
        )
        collected = pa.StructArray.from_arrays(
            [
                pa.nulls(n, pa.string()),
                self._dict(plan.s_cmp[sess], coll),
                self._dict(plan.s_src[sess], coll),
                self._dict(plan.s_med[sess], coll),
                self._dict(plan.s_term[sess], coll),
                self._dict(plan.s_content[sess], coll),
                self._dict(plan.s_gclid[sess], coll),
                pa.nulls(n, pa.string()),
                pa.nulls(n, pa.string()),
            ],
            names=COLLECTED_T.names,
            mask=pa.array(~coll),
        )
        yes_no = pa.array(["Yes", "No"], pa.string())
        privacy = pa.StructArray.from_arrays(
            [
                _dict_of(consent.astype(np.int64), yes_no),
                _dict_of(consent.astype(np.int64), yes_no),
                _dict_of((~consent).astype(np.int64), yes_no),
            ],
            names=PRIVACY_T.names,
        )
        seq = mix64(pv.astype(np.uint64), salt(self.cfg.seed, "bundle")) % np.uint64(1 << 40)
        offset = mix64(rows.astype(np.uint64), salt(self.cfg.seed, "offset")) % np.uint64(2_000_000)
        zeros = pa.array(np.zeros(n + 1, np.int32))
        columns = [
            _const(n, _day_string(day)),
            pa.array(ts, pa.int64(), mask=variant == NULL_TIMESTAMP),
            _dict_of(name.astype(np.int64), self.name_dict),
            event_params,
            pa.nulls(n, pa.int64()),
            pa.nulls(n, pa.float64()),
            pa.array(seq.astype(np.int64)),
            pa.array(offset.astype(np.int64)),
            self._dict(self.user_ids[np.maximum(uid, 0)], (uid >= 0) & ~consent),
            _compact(self.pseudo_vis, vtr, ~consent),
            privacy,
            pa.ListArray.from_arrays(zeros, pa.array([], PARAM_T)),
            pa.array(vis.first_touch_us[vtr], pa.int64(), mask=consent),
            device,
            geo,
            traffic,
            collected,
            _const(n, "4187645213"),
            _const(n, "WEB"),
            pa.ListArray.from_arrays(zeros, pa.array([], ITEM_T)),
            pa.array(np.ones(n, dtype=bool)),
        ]
        return pa.Table.from_arrays(columns, names=SCHEMA.names)

    def _params(self, n: int, parts: list[tuple[int, np.ndarray, np.ndarray]]) -> pa.ListArray:
        """Scatter per-key (rows, values) into the event-major list<struct<key, value>>."""
        parts = sorted(parts, key=lambda part: part[0])
        counts = np.zeros(n, dtype=np.int64)
        for _, r, _ in parts:
            counts[r] += 1
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        fill = offsets[:-1].copy()
        total = int(offsets[-1])
        key = np.zeros(total, dtype=np.int64)
        sidx = np.full(total, -1, dtype=np.int64)
        ival = np.zeros(total, dtype=np.int64)
        for k, r, v in parts:
            pos = fill[r]
            fill[r] += 1
            key[pos] = k
            if self.is_str_key[k]:
                sidx[pos] = v
            else:
                ival[pos] = v
        is_str = self.is_str_key[key]
        nulls = pa.nulls(total, pa.float64())
        value = pa.StructArray.from_arrays(
            [self._dict(sidx), pa.array(ival, pa.int64(), mask=is_str), nulls, nulls],
            names=[f.name for f in VALUE_T],
        )
        params = pa.StructArray.from_arrays(
            [_dict_of(key, self.key_dict), value], names=[f.name for f in PARAM_T]
        )
        return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), params)


def _compact(values: pa.Array, idx: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """``values[idx]`` as a dictionary array holding only the values used (in index order)."""
    idx = np.asarray(idx, dtype=np.int64)
    ok = idx >= 0 if valid is None else valid & (idx >= 0)
    sel = idx[ok]
    if sel.size * 64 < len(values):
        uniq, inv = np.unique(sel, return_inverse=True)
    else:
        used = np.zeros(len(values), dtype=bool)
        used[sel] = True
        uniq = np.flatnonzero(used)
        remap = np.empty(len(values), dtype=np.int32)
        remap[uniq] = np.arange(uniq.size, dtype=np.int32)
        inv = remap[sel]
    # equal strings may sit at several table indices: merge them (Parquet needs a unique
    # dictionary, or the bytes written are not reproducible)
    enc = values.take(pa.array(uniq, pa.int64())).dictionary_encode()
    codes = np.zeros(idx.size, dtype=np.int32)
    codes[ok] = np.asarray(enc.indices)[inv]
    return pa.DictionaryArray.from_arrays(pa.array(codes, mask=~ok), enc.dictionary)


def _dict_of(idx: np.ndarray, values: list[str] | pa.Array) -> pa.Array:
    """A dictionary column over a small static list (made unique: Parquet needs that)."""
    if isinstance(values, pa.Array):
        values = values.to_pylist()
    uniq = list(dict.fromkeys(values))
    code = np.array([uniq.index(v) for v in values], dtype=np.int32)
    return pa.DictionaryArray.from_arrays(
        pa.array(code[np.asarray(idx, np.int64)]), pa.array(uniq, pa.string())
    )


def _const(n: int, value: str) -> pa.Array:
    return pa.DictionaryArray.from_arrays(
        pa.array(np.zeros(n, np.int32)), pa.array([value], pa.string())
    )


def _static(idx: np.ndarray, attr: str) -> pa.Array:
    return _dict_of(idx, [getattr(b, attr) for b in cat.BROWSERS])


_LANGS = [cat.LANGUAGES[c[0]] for c in cat.COUNTRIES]
_CONTINENTS = [c[3] for c in cat.COUNTRIES]
_SUBCONTINENTS = [c[4] for c in cat.COUNTRIES]
_COUNTRY_NAMES = [cat.COUNTRY_NAMES[c[0]] for c in cat.COUNTRIES]
_REGIONS = [r for c in cat.COUNTRIES for _, r in c[6]]
_CITIES = [ci for c in cat.COUNTRIES for ci, _ in c[6]]
_CITY_BASE = np.cumsum([0] + [len(c[6]) for c in cat.COUNTRIES])[:-1]


def _day_string(day: int) -> str:
    return dt.datetime.fromtimestamp(day * 86400, dt.UTC).strftime("%Y%m%d")


def write_ga4(
    cfg: GeneratorConfig, world: World, plan: WebPlan, ev: Ga4Events, out_dir: Path
) -> dict[str, int]:
    """Write one file per day; returns fault counts by fault name (and totals)."""
    rng = stage_rng(cfg.seed, "ga4_faults")
    f_src, f_var = _faults(rng, ev)
    writer = Ga4Writer(cfg, world, plan, ev)
    day = ev.ts // US_PER_DAY
    f_day = day[f_src]
    out_dir.mkdir(parents=True, exist_ok=True)
    days = range(cfg.start_us // US_PER_DAY, cfg.end_us // US_PER_DAY)
    bounds = np.searchsorted(day, [d for d in days] + [days[-1] + 1])

    def one_day(i: int) -> int:
        d = days[i]
        rows = np.arange(bounds[i], bounds[i + 1])
        fm = f_day == d
        all_rows = np.concatenate([rows, f_src[fm]])
        variant = np.concatenate([np.zeros(rows.size, np.int8), f_var[fm]])
        o = np.lexsort((variant, all_rows, ev.ts[all_rows]))
        table = writer.day_table(all_rows[o], variant[o], d)
        name = f"events_{_day_string(d)}"
        if cfg.ga4_format == "parquet":
            pq.write_table(
                table,
                out_dir / f"{name}.parquet",
                compression="zstd",
                row_group_size=1 << 20,
                store_schema=False,
                write_statistics=["event_date", "event_timestamp", "event_name"],
            )
        else:
            _write_ndjson(table, out_dir / f"{name}.ndjson")
        return table.num_rows

    with ThreadPoolExecutor(max_workers=2) as pool:
        rows_written = sum(pool.map(one_day, range(len(days))))
    counts = {FAULT_NAMES[v]: int((f_var == v).sum()) for v in FAULT_NAMES}
    counts["_rows"] = int(rows_written)
    counts["_files"] = len(days)
    return counts


def _write_ndjson(table: pa.Table, path: Path) -> None:
    """The same rows as JSON lines (nested objects, nulls written as null)."""
    write_text(path, to_json_lines(table), newline=False)
