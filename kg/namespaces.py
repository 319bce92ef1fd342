"""RDF namespaces of the graph, in one place so exports and queries agree."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/arabic-news-kg/"
KG = Namespace(BASE + "ontology#")
ENT = Namespace(BASE + "entity/")
STMT = Namespace(BASE + "statement/")
EVID = Namespace(BASE + "evidence/")
DOC = Namespace(BASE + "doc/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "kg": KG,
    "ent": ENT,
    "stmt": STMT,
    "evid": EVID,
    "doc": DOC,
    "wd": WD,
    "prov": PROV,
    "rdfs": RDFS,
    "rdf": RDF,
    "owl": OWL,
    "skos": SKOS,
    "xsd": XSD,
    "dcterms": DCTERMS,
}
