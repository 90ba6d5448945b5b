"""The dev registry against Confluent's own Python client (Debian's python3-confluent-kafka).

usage: /usr/bin/python3 registry_contract.py http://127.0.0.1:PORT
Every call a Confluent client makes of a registry, with the answers Confluent's server gives. Exit status 0
when all of them held; an AssertionError names the first that did not.
"""
import json
import sys

import requests
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError


def record(fields):
    return Schema(json.dumps({"type": "record", "name": "Reading", "namespace": "contract", "fields": fields}),
                  "AVRO")


V1 = record([{"name": "value", "type": "double"}])
V2 = record([{"name": "value", "type": "double"}, {"name": "unit", "type": "string", "default": "m"}])
INCOMPATIBLE = record([{"name": "value", "type": "string"}])


def fails_with(code, call):
    try:
        call()
    except SchemaRegistryError as error:
        assert error.error_code == code, "expected error %d, got %d: %s" % (code, error.error_code, error)
        return
    raise AssertionError("expected error %d, got an answer" % code)


def same_schema(text, schema):
    return json.loads(text) == json.loads(schema.schema_str)


def main(url):
    client = SchemaRegistryClient({"url": url})
    assert client.get_subjects() == [], "a new registry has no subjects"

    first = client.register_schema("readings-value", V1)
    assert client.register_schema("readings-value", V1) == first, "registering again is a no-op"
    assert client.register_schema("archive-value", V1) == first, "ids are global"
    second = client.register_schema("readings-value", V2)
    assert second != first

    latest = client.get_latest_version("readings-value")
    assert (latest.version, latest.schema_id, latest.subject) == (2, second, "readings-value")
    assert same_schema(latest.schema.schema_str, V2)
    version = client.get_version("readings-value", 1)
    assert (version.version, version.schema_id) == (1, first)
    assert client.get_versions("readings-value") == [1, 2]
    assert sorted(client.get_subjects()) == ["archive-value", "readings-value"]
    found = client.lookup_schema("readings-value", V1)
    assert (found.version, found.schema_id) == (1, first)
    assert same_schema(client.get_schema(first).schema_str, V1)
    fails_with(40403, lambda: client.lookup_schema("archive-value", V2))
    fails_with(40401, lambda: client.get_versions("no-such-subject"))
    fails_with(40402, lambda: client.get_version("readings-value", 7))
    fails_with(40403, lambda: client.get_schema(999))

    assert client.get_compatibility() == "BACKWARD"
    assert client.test_compatibility("readings-value", V2, version=1) is True
    assert client.test_compatibility("readings-value", INCOMPATIBLE) is False
    fails_with(409, lambda: client.register_schema("readings-value", INCOMPATIBLE))
    assert client.set_compatibility(subject_name="readings-value", level="NONE") == {"compatibility": "NONE"}
    assert client.get_compatibility("readings-value") == "NONE"
    assert client.test_compatibility("readings-value", INCOMPATIBLE, version="latest") is True
    third = client.register_schema("readings-value", INCOMPATIBLE)
    assert client.set_compatibility(level="FULL") == {"compatibility": "FULL"}
    assert client.get_compatibility() == "FULL"
    fails_with(42203, lambda: client.set_compatibility(level="SIDEWAYS"))

    assert client.delete_version("readings-value", 3) == 3
    assert client.get_versions("readings-value") == [1, 2]
    assert client.delete_subject("archive-value") == [1]
    assert client.get_subjects() == ["readings-value"]
    fails_with(40401, lambda: client.get_latest_version("archive-value"))
    assert requests.get(url + "/subjects?deleted=true").json() == ["archive-value", "readings-value"]
    # The client deletes permanently as Confluent requires: soft first, then with permanent=true.
    client.register_schema("scratch-value", V1)
    assert client.delete_subject("scratch-value", permanent=True) == [1]
    assert "scratch-value" not in requests.get(url + "/subjects?deleted=true").json()
    answer = requests.delete(url + "/subjects/readings-value?permanent=true")
    assert answer.status_code == 404 and answer.json()["error_code"] == 40405, answer.text

    # Confluent's server reads bodies as its own media types and as plain application/json.
    for content_type in ("application/json", "application/vnd.schemaregistry+json",
                         "application/vnd.schemaregistry.v1+json"):
        answer = requests.post(url + "/subjects/plain-json-value/versions",
                               data=json.dumps({"schema": V1.schema_str}),
                               headers={"Content-Type": content_type})
        assert answer.status_code == 200 and answer.json() == {"id": first}, (content_type, answer.text)
    answer = requests.get(url + "/schemas/ids/%d/versions" % third)
    assert answer.json() == [], "a deleted version no longer uses the id: %s" % answer.text
    assert requests.get(url + "/schemas/types").json() == ["AVRO"]
    print("the dev registry answered Confluent's client as Confluent's server does (third id %d)" % third)


if __name__ == "__main__":
    main(sys.argv[1])
