"""Confluent's wire format with Debian's python3-avro: a zero byte, the writer schema's registry id (4 bytes, big
endian), then the Avro binary encoding. Records are read with the schema their id names, and written with the
repository's .avsc files (schemas/src/main/avro), which are exactly what the Java programs register.

Debian packages no fastavro, so confluent_kafka.schema_registry.avro cannot load; this is what confluent_kafka's
older `avro` module did, over its SchemaRegistryClient.
"""
import io
import json
import os
import struct

import avro.io
import avro.schema
import requests
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient

MAGIC_BYTE = 0
_HEADER = struct.Struct(">bI")
SCHEMAS_DIRECTORY = os.environ.get("POLICY_STREAMS_SCHEMAS") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, os.pardir, "schemas", "src", "main", "avro")


def schema_text(name):
    """The text of schemas/src/main/avro/NAME.avsc (or of $POLICY_STREAMS_SCHEMAS/NAME.avsc)."""
    with open(os.path.join(SCHEMAS_DIRECTORY, name + ".avsc"), encoding="utf-8") as f:
        return f.read()


class Registry:
    """Confluent's SchemaRegistryClient over each URL of the list in turn: the next one when one cannot be reached."""

    def __init__(self, urls):
        self.clients = [SchemaRegistryClient({"url": url}) for url in urls]

    def _call(self, method, *args):
        unreachable = None
        for client in self.clients:
            try:
                return getattr(client, method)(*args)
            except requests.exceptions.ConnectionError as error:
                unreachable = error
        raise ConnectionError("no schema registry of %d could be reached: %s" % (len(self.clients), unreachable))

    def id_of(self, subject, text, register=True):
        """The id of `text` under `subject`: registered when new and `register` holds, else looked up."""
        schema = Schema(text, "AVRO")
        if register:
            return self._call("register_schema", subject, schema)
        return self._call("lookup_schema", subject, schema).schema_id

    def schema(self, schema_id):
        return self._call("get_schema", schema_id).schema_str


class Serializer:
    """Writes one schema's records under `<topic>-value` (Confluent's TopicNameStrategy)."""

    def __init__(self, registry, topic, name, register=True):
        text = schema_text(name)
        self.schema = avro.schema.parse(text)
        self.writer = avro.io.DatumWriter(self.schema)
        self.header = _HEADER.pack(MAGIC_BYTE, registry.id_of(topic + "-value", text, register))

    def __call__(self, datum):
        out = io.BytesIO()
        out.write(self.header)
        self.writer.write(complete(self.schema, datum), avro.io.BinaryEncoder(out))
        return out.getvalue()


class Deserializer:
    """Reads any record in the wire format, with the writer schema its id names (fetched once per id)."""

    def __init__(self, registry):
        self.registry = registry
        self.readers = {}

    def __call__(self, data):
        if data is None:
            return None
        if len(data) < _HEADER.size:
            raise ValueError("a record of %d bytes is not in Confluent's wire format" % len(data))
        magic, schema_id = _HEADER.unpack_from(data)
        if magic != MAGIC_BYTE:
            raise ValueError("unknown magic byte %d: not Confluent's wire format" % magic)
        reader = self.readers.get(schema_id)
        if reader is None:
            reader = self.readers[schema_id] = avro.io.DatumReader(avro.schema.parse(self.registry.schema(schema_id)))
        return reader.read(avro.io.BinaryDecoder(io.BytesIO(data[_HEADER.size:])))


def complete(schema, datum):
    """`datum` with every record field it leaves out set to the field's default, and each union's record branch
    chosen by its field names, as a plain dict (for example a ModelSpec written as JSON) needs before writing."""
    if isinstance(schema, avro.schema.RecordSchema) and isinstance(datum, dict):
        unknown = set(datum) - {field.name for field in schema.fields}
        if unknown:
            raise ValueError("%s has no field %s" % (schema.name, ", ".join(sorted(unknown))))
        result = {}
        for field in schema.fields:
            if field.name in datum:
                result[field.name] = complete(field.type, datum[field.name])
            elif field.has_default:
                result[field.name] = complete(field.type, json.loads(json.dumps(field.default)))
            else:
                raise ValueError("%s needs the field %s" % (schema.name, field.name))
        return result
    if isinstance(schema, avro.schema.UnionSchema) and isinstance(datum, dict):
        for branch in schema.schemas:
            if isinstance(branch, avro.schema.RecordSchema) and set(datum) <= {f.name for f in branch.fields} \
                    and all(f.has_default or f.name in datum for f in branch.fields):
                return complete(branch, datum)
        raise ValueError("%r matches no branch of %s" % (datum, [b.name for b in schema.schemas
                                                                  if hasattr(b, "name")]))
    if isinstance(schema, avro.schema.ArraySchema) and isinstance(datum, (list, tuple)):
        if isinstance(schema.items, avro.schema.PrimitiveSchema):
            return datum
        return [complete(schema.items, item) for item in datum]
    return datum
