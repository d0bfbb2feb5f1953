"""How sure each link is: the evidence layer, the corrections it brought, and --min-evidence."""

import json
import shutil

import networkx as nx
import pytest

from cli import cli
from graph.formats.yamlfile import load_graph_dir
from graph.errors import DataError
from graph.model.evidence import CLAIM_RELATIONS, LEVELS, at_least
from graph.questions.query import chain_levels, links
from graph.formats.yamlfile import DATA_DIR, load_dir
from graph.questions.query import paths, relation_view, treatments
from graph.model.records import sections_of
from graph.teaching.whatif import whatif

NERVE_SYMPTOMS = ("nerve-foot-pain", "foot-numbness", "foot-tingling")
BACK_CONDITIONS = ("herniated-disc", "sciatica", "spinal-stenosis")
FOOT_TREATMENTS = ("orthotics", "foot-ankle-exercises", "appropriate-footwear")


# --- every claim says how sure it is ---------------------------------------------------


def test_every_claim_edge_carries_evidence_with_known_references(curated):
    sources = {s["id"] for s in curated.graph["sources"]}
    for u, v, d in curated.edges(data=True):
        if d["relation"] in CLAIM_RELATIONS:
            assert d["evidence_level"] in LEVELS, (u, v)
            assert d["evidence_note"].strip(), (u, v)
            assert set(d.get("evidence_refs", [])) <= sources, (u, v)


def test_anatomy_edges_default_to_established_textbook(curated):
    d = curated.edges["tibial-nerve", "sciatic-nerve", "part_of"]
    assert (d["evidence_level"], d["evidence_basis"], d["evidence_refs"]) == ("established", "textbook", ["grays-anatomy-students"])


def test_research_sources_are_studies_and_a_guideline_with_ids(curated):
    research = [s for s in curated.graph["sources"] if s.get("kind") in ("study", "guideline")]
    assert len(research) == 33
    assert sum(s["kind"] == "guideline" for s in research) == 1
    for s in research:
        assert s["authors"] and s["year"] and s["title"]
        assert s.get("doi") or s.get("pmid") or (s.get("volume") and s.get("pages")) or s.get("url"), s["id"]


def test_back_to_foot_nerve_links_are_established_and_foot_to_back_chains_are_not(curated):
    for u, v in (("herniated-disc", "nerve-compression"), ("spinal-stenosis", "nerve-compression"), ("nerve-compression", "foot-numbness"), ("sciatica", "leg-weakness")):
        assert curated.edges[u, v, "causes"]["evidence_level"] == "established"
    # Bunion and Achilles tendonitis to the back: pure hypothesis at best.
    for condition in ("bunion", "achilles-tendonitis"):
        assert chain_levels(curated, [condition])["lower-back-pain"] == "hypothesis"
    assert chain_levels(curated, ["flat-feet"])["lower-back-pain"] == "hypothesis"


def test_orthotics_for_back_pain_stays_cited_to_the_article_and_is_contradicted_by_the_guideline(curated):
    d = curated.edges["orthotics", "lower-back-pain", "treats"]
    assert d["cites"] == "article"
    assert d["evidence_level"] == "contradicted"
    assert "nice-ng59" in d["evidence_refs"]


# --- what the graph taught wrongly ----------------------------------------------------------


def test_no_foot_treatment_reaches_a_nerve_root_symptom(curated):
    H = relation_view(curated, ["causes"])
    for t in FOOT_TREATMENTS:
        acted = {v for _, v, r in curated.out_edges(t, keys=True) if r in ("treats", "prevents")}
        reached = acted | {m for a in acted for m in nx.descendants(H, a)}
        assert not reached & set(NERVE_SYMPTOMS), t


def test_whatif_orthotics_takes_nothing_from_the_back_problems(curated):
    result = whatif(curated, treat="orthotics")
    for r in result["taken_out"] + result["symptoms"]:
        assert not set(r["conditions_lost"]) & set(BACK_CONDITIONS), r


def test_treatments_for_a_herniated_disc_offer_no_foot_treatment(curated):
    offered = {r["treatment"] for r in treatments(curated, "herniated-disc")}
    assert offered and not offered & set(FOOT_TREATMENTS)


def test_general_foot_pain_and_nerve_foot_pain_are_different_nodes(curated):
    assert curated.has_edge("orthotics", "foot-pain", "treats")
    assert not curated.has_edge("orthotics", "nerve-foot-pain")
    assert curated.has_edge("nerve-compression", "nerve-foot-pain", "causes")
    assert not curated.has_edge("nerve-compression", "foot-pain")


def test_sciatica_follows_the_source_compression_comes_first(curated):
    assert curated.has_edge("sciatic-nerve-compression", "sciatica", "causes")
    assert not curated.has_edge("sciatica", "nerve-compression")
    assert not curated.has_edge("sciatica", "sciatic-nerve-compression")
    # The two compression nodes name their places, so they cannot contradict each other.
    assert curated.has_edge("nerve-compression", "spinal-nerve-roots", "located_in")
    assert curated.has_edge("sciatic-nerve-compression", "sciatic-nerve", "located_in")


# Each article condition, the symptoms its section lists, and the sections its chain may rest on.
CHAIN_SECTIONS = {
    "flat-feet": ({"lower-back-pain", "lower-back-stiffness"}, {"Flat Feet or Overpronation"}),
    "bunion": ({"lower-back-pain"}, {"Bunions"}),
    "plantar-fasciitis": ({"heel-pain", "arch-pain", "lower-back-pain"}, {"Plantar Fasciitis"}),
    "achilles-tendonitis": ({"foot-and-ankle-pain", "foot-and-ankle-stiffness", "lower-back-pain", "lower-back-stiffness"}, {"Achilles Tendonitis"}),
    "herniated-disc": ({"nerve-foot-pain", "foot-numbness", "foot-tingling"}, {"Herniated Disc"}),
    "sciatica": ({"nerve-foot-pain", "foot-numbness", "foot-tingling", "leg-weakness"}, {"Sciatica"}),
    "spinal-stenosis": ({"nerve-foot-pain", "foot-numbness", "foot-tingling", "difficulty-standing-walking"}, {"Spinal Stenosis"}),
}


@pytest.mark.parametrize("condition", sorted(CHAIN_SECTIONS))
def test_every_causal_path_to_a_condition_s_symptoms_rests_on_its_own_section(curated, condition):
    """Shared mechanism nodes must not make chains the source does not draw."""
    symptoms, allowed = CHAIN_SECTIONS[condition]
    H = relation_view(curated, ["causes"])
    for symptom in symptoms:
        found = list(nx.all_simple_paths(H, condition, symptom, cutoff=10))
        assert found, (condition, symptom)
        for p in found:
            for u, v in zip(p, p[1:]):
                assert set(sections_of(curated.edges[u, v, "causes"])) & allowed, (condition, symptom, u, v)


def test_no_path_from_any_foot_condition_reaches_the_flat_feet_compensation_but_flat_feet(curated):
    H = relation_view(curated, ["causes"])
    reaching = {c for c in ("flat-feet", "bunion", "plantar-fasciitis", "achilles-tendonitis") if nx.has_path(H, c, "postural-compensation")}
    assert reaching == {"flat-feet"}


def test_an_edge_can_rest_on_several_sections(curated):
    d = curated.edges["posture-change", "lower-back-pain", "causes"]
    assert sections_of(d) == ["Plantar Fasciitis", "How Foot Problems Can Cause Back Pain"]


@pytest.mark.parametrize(
    "node, field, wrong",
    [
        ("herniated-disc", "synonyms", "bulging disc"),
        ("flat-feet", "synonyms", "overpronation"),
    ],
)
def test_related_terms_are_not_synonyms(curated, node, field, wrong):
    assert wrong not in curated.nodes[node][field]
    assert wrong in curated.nodes[node]["related_terms"]


def test_anatomy_descriptions_use_the_anatomical_leg(curated):
    assert "below the ankle" in curated.nodes["foot"]["description"]
    assert "part of the leg" not in curated.nodes["foot"]["description"]
    assert "between the knee and the ankle" in curated.nodes["lower-limb"]["description"]
    sciatic = curated.nodes["sciatic-nerve"]["description"]
    assert "pelvis" in sciatic and "L4 to S3" in sciatic and "ventral rami" in sciatic


# --- --min-evidence and the evidence command -------------------------------------------------


def test_at_least_keeps_only_links_that_strong(curated):
    H = at_least(curated, "supported")
    assert all(d["evidence_level"] in ("established", "supported") for *_, d in H.edges(data=True) if d["relation"] in CLAIM_RELATIONS)
    # Where things sit is not a claim: kept whatever the filter.
    assert H.has_edge("heel-pain", "heel", "located_in") and "evidence_level" not in curated.edges["heel-pain", "heel", "located_in"]
    assert H.has_edge("herniated-disc", "nerve-compression")
    assert not H.has_edge("bunion", "weight-shift")


def test_paths_min_evidence_finds_nothing_honestly_and_says_why(runner):
    result = runner.invoke(cli, ["paths", "flat feet", "lower back pain", "--min-evidence", "supported"])
    assert result.exit_code == 1
    assert "at least 'supported'" in result.stderr
    assert "rated hypothesis" in result.stderr
    ok = runner.invoke(cli, ["paths", "herniated disc", "numb toes", "--min-evidence", "established"])
    assert ok.exit_code == 0, ok.output
    assert "how sure: established." in ok.output


def test_paths_json_carries_each_link_s_evidence(runner):
    result = runner.invoke(cli, ["paths", "bunion", "lower back pain", "--json"])
    doc = json.loads(result.output)
    ev = doc["paths"][0]["edges"][0]["evidence"]
    assert ev["level"] == "hypothesis" and ev["basis"] == "none" and ev["note"]


@pytest.mark.parametrize("command", [["causes", "lower back pain"], ["effects", "flat feet"], ["treatments", "heel pain"], ["show", "flat feet"], ["explain", "plantar fasciitis", "lower back pain"]])
def test_every_query_command_takes_min_evidence(runner, command):
    weak = runner.invoke(cli, [*command])
    strong = runner.invoke(cli, [*command, "--min-evidence", "established"])
    assert weak.exit_code == 0, weak.output
    assert strong.exit_code in (0, 1), strong.output
    assert strong.output != weak.output


def test_causes_show_the_best_chain_level(runner):
    result = runner.invoke(cli, ["causes", "numb toes", "--json"])
    got = {c["id"]: c["evidence"] for c in json.loads(result.output)["causes"]}
    assert got["herniated-disc"] == "established"


def test_explain_tells_how_sure_each_step_is(runner):
    result = runner.invoke(cli, ["explain", "bunion", "lower back pain"])
    assert result.exit_code == 0
    assert "Research rates this link hypothesis" in result.output


def test_evidence_command_lists_contradicted_links_with_references(runner):
    result = runner.invoke(cli, ["evidence", "--level", "contradicted"])
    assert result.exit_code == 0, result.output
    assert "Orthotics can help with Lower back pain" in result.output
    assert "doi:10.1186/1471-2474-15-140" in result.output  # Chuter 2014
    doc = json.loads(runner.invoke(cli, ["evidence", "orthotics", "--json"]).output)
    levels = {(e["target"]["id"], e["evidence"]["level"]) for e in doc["links"]}
    assert ("lower-back-pain", "contradicted") in levels and ("heel-pain", "supported") in levels
    refs = next(e for e in doc["links"] if e["target"]["id"] == "lower-back-pain")["references"]
    assert {"id": "nice-ng59"}.items() <= refs[0].items() and refs[0]["year"] == 2016


def test_evidence_command_empty_answer_exits_1(runner):
    result = runner.invoke(cli, ["evidence", "spine"])
    assert result.exit_code == 1
    assert "no causes, treats or prevents link" in result.stderr


def test_whatif_marks_results_resting_on_weak_links(runner):
    result = runner.invoke(cli, ["whatif", "--treat", "orthotics"])
    assert "contradicted (research says otherwise)" in result.output
    doc = json.loads(runner.invoke(cli, ["whatif", "--treat", "orthotics", "--json"]).output)
    lbp = next(r for r in doc["taken_out"] if r["node"] == "lower-back-pain")
    assert lbp["evidence"] == "contradicted"


def test_common_causes_mark_weak_chains(runner):
    result = runner.invoke(cli, ["common-causes", "lower back pain", "--json"])
    conditions = json.loads(result.output)["conditions"]
    assert {c["paths"]["lower-back-pain"]["evidence"] for c in conditions} == {"hypothesis"}
    assert "an untested idea" in runner.invoke(cli, ["common-causes", "lower back pain"]).output


def test_links_are_ordered_strongest_first(curated):
    found = links(curated)
    ranks = [LEVELS.index(e["evidence"]["level"]) for e in found]
    assert ranks == sorted(ranks)


# --- bad evidence data: located errors, exit 3, nothing written ------------------------------


def _copy_data(tmp_path):
    dest = tmp_path / "data"
    shutil.copytree(DATA_DIR, dest)
    return dest


def _break(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        ("edges.yaml", "      level: supported\n", "      level: likely\n", "unknown evidence level 'likely'"),
        ("edges.yaml", "      refs: [buldt-2013]\n", "      refs: [nobody-2020]\n", "unknown reference 'nobody-2020'"),
        ("edges.yaml", "      refs: [buldt-2013]\n", "      refs: buldt-2013\n", "'refs' must be a list"),
        ("edges.yaml", "    evidence:\n      level: supported\n", "    evidence: supported\n    x:\n      level: supported\n", "'evidence' must be a mapping"),
        ("edges.yaml", "      refs: [deyo-2016, jensen-2019, brinjikji-2015]\n", "      refs: []\n", "needs at least one reference"),
        ("sources.yaml", "    doi: 10.1093/rheumatology/ket298\n", "    doi: https://doi.org/rheumatology\n", "not shaped like a DOI"),
        ("sources.yaml", "    pmid: '24049103'\n", "    pmid: 'PMC123'\n", "'pmid' must be a PubMed id"),
    ],
)
def test_bad_evidence_is_a_located_error(tmp_path, runner, file, old, new, message):
    data = _copy_data(tmp_path)
    _break(data / file, old, new)
    with pytest.raises(DataError) as err:
        load_dir(data)
    assert message in str(err.value)
    assert f"{file}:" in str(err.value)  # file and line
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", "--graph", str(data), "--out", str(out)])
    assert result.exit_code == 3
    assert message in result.stderr and "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_an_article_claim_without_evidence_is_refused(tmp_path):
    data = _copy_data(tmp_path)
    text = (data / "edges.yaml").read_text(encoding="utf-8")
    start = text.index("  - from: bunion\n    relation: causes")
    block_start = text.index("    evidence:", start)
    block_end = text.index("\n\n", block_start)
    (data / "edges.yaml").write_text(text[:block_start] + text[block_end + 1 :], encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dir(data)
    assert "bunion causes weight-shift" in str(err.value)
    assert "needs an 'evidence' block" in str(err.value)


def test_a_graph_citing_only_its_own_notes_needs_no_evidence(tiny):
    """Only claims citing a patient-education article must be weighed: the tiny graph's
    own notes load with claims that carry no evidence at all."""
    claims = [d for *_, d in tiny.edges(data=True) if d["relation"] in CLAIM_RELATIONS]
    assert claims and not any("evidence_level" in d for d in claims)


def test_evidence_round_trips_through_every_format(tmp_path, curated):
    from graph.exporters import export
    from graph.formats import load_graph

    for fmt, name in (("json", "g.json"), ("graphml", "g.graphml"), ("cytoscape", "g.cyjs"), ("kgx", "kgx"), ("kgx-jsonl", "jsonl")):
        dest = tmp_path / name
        export(curated, fmt, dest)
        back = load_graph(dest)
        d = back.edges["orthotics", "lower-back-pain", "treats"]
        assert d["evidence_level"] == "contradicted", fmt
        assert d["evidence_refs"] == ["nice-ng59", "chuter-2014", "sahar-2007", "cambron-2017"], fmt
        multi = back.edges["posture-change", "lower-back-pain", "causes"]
        assert sections_of(multi) == ["Plantar Fasciitis", "How Foot Problems Can Cause Back Pain"], fmt
        assert back.nodes["bunion"]["related_terms"] == ["hallux valgus"], fmt
        assert "publications" not in d, fmt  # written from the references, not kept as a fact of its own


def test_kgx_edges_carry_knowledge_level_agent_type_and_publications(tmp_path, curated):
    from graph.exporters import export

    export(curated, "kgx", tmp_path / "kgx")
    lines = (tmp_path / "kgx" / "edges.tsv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    rows = [dict(zip(head, line.split("\t"))) for line in lines[1:]]
    row = next(r for r in rows if r["subject"] == "footback:orthotics" and r["object"] == "footback:lower-back-pain")
    assert row["knowledge_level"] == "knowledge_assertion" and row["agent_type"] == "manual_agent"
    assert "PMID:24775807" in row["publications"].split("|")  # Chuter 2014 by its PMID
    assert "doi:10.1136/bjsports-2016-097355" in next(r for r in rows if r["subject"] == "footback:orthotics" and r["object"] == "footback:heel-pain")["publications"].split("|")


def test_a_study_s_observed_link_is_a_statistical_association(tmp_path):
    from graph.model.biolink import knowledge_level_of

    assert knowledge_level_of({"kind": "study"}, {"evidence_basis": "observational"}) == "statistical_association"
    assert knowledge_level_of({"kind": "anatomy textbook"}, {"evidence_basis": "textbook"}) == "knowledge_assertion"


def test_min_evidence_paths_agree_with_a_filtered_search(curated):
    H = at_least(curated, "established")
    found = paths(H, "spinal-stenosis", "foot-tingling")
    assert all(e["evidence"]["level"] == "established" for p in found for e in p["edges"])


def test_the_cached_graph_keeps_every_evidence_block(curated):
    """The curated graph comes through the cache: it must hold exactly what a fresh load does."""
    fresh = load_graph_dir(DATA_DIR)
    got = {(u, v, k): {a: d.get(a) for a in ("evidence_level", "evidence_basis", "evidence_refs", "evidence_note", "section")} for u, v, k, d in curated.edges(keys=True, data=True)}
    want = {(u, v, k): {a: d.get(a) for a in ("evidence_level", "evidence_basis", "evidence_refs", "evidence_note", "section")} for u, v, k, d in fresh.edges(keys=True, data=True)}
    assert got == want and any(x["evidence_level"] for x in got.values())


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("      refs: [deyo-2016, jensen-2019, brinjikji-2015]\n", "      refs: [article]\n", "needs a reference that can weigh it"),
        ("      refs: [buldt-2013]\n", "      refs: [buldt-2013, buldt-2013]\n", "names a reference twice"),
        ("      basis: none\n      refs: []\n", "      basis: none\n      refs: [hsu-2023]\n", "basis 'none' says nothing supports the link"),
    ],
)
def test_evidence_must_rest_on_references_that_can_weigh_it(tmp_path, old, new, message):
    """The leaflet cannot vouch for its own claim; a reference counts once; 'none' means none."""
    data = _copy_data(tmp_path)
    _break(data / "edges.yaml", old, new)
    with pytest.raises(DataError) as err:
        load_dir(data)
    assert message in str(err.value) and "edges.yaml:" in str(err.value)


@pytest.mark.parametrize(
    "attr, value, message",
    [
        ("evidence_level", "maybe", "unknown evidence level 'maybe'"),
        ("evidence_basis", "gut feeling", "unknown evidence basis"),
        ("evidence_refs", "nice-ng59", "'evidence_refs' must be a list"),
    ],
)
def test_imported_graphs_hold_evidence_as_footback_does(tmp_path, runner, attr, value, message):
    """A JSON graph's evidence attributes are checked too: a located error, exit 3."""
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="causes", relation="causes", **{attr: value})
    path = tmp_path / "g.json"
    path.write_text(json.dumps(nx.node_link_data(G, edges="edges")), encoding="utf-8")
    result = runner.invoke(cli, ["validate", "--graph", str(path)])
    assert result.exit_code == 3 and message in result.stderr and "g.json" in result.stderr


def test_an_empty_filtered_answer_says_why_in_json_too(runner):
    result = runner.invoke(cli, ["paths", "flat feet", "lower back pain", "--min-evidence", "supported", "--json"])
    assert result.exit_code == 1
    why = json.loads(result.stdout)["why"]
    assert why["reason"] == "min_evidence" and "rated hypothesis" in why["text"]


def test_an_unknown_reference_is_named_cut_short(tmp_path):
    data = _copy_data(tmp_path)
    _break(data / "edges.yaml", "      refs: [buldt-2013]\n", "      refs: [" + "x" * 10_000 + "]\n")
    with pytest.raises(DataError) as err:
        load_dir(data)
    assert "unknown reference" in str(err.value) and len(str(err.value)) < 2_000
