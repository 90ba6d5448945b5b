"""Confluent's wire format over python3-avro, and filling in a plain dict's defaults (registry kept in a dict here;
DevClusterTest and SeparateProcessesTest run the same code against the dev registry)."""
import json
import unittest

import avro.schema

from policy_streams.wire import Deserializer, Serializer, complete, schema_text


class DictRegistry:
    """Ids by schema text, as a registry hands them out."""

    def __init__(self):
        self.texts = []

    def id_of(self, subject, text, register=True):
        if text not in self.texts:
            if not register:
                raise LookupError("40403 Schema not found")
            self.texts.append(text)
        return 100 + self.texts.index(text)

    def schema(self, schema_id):
        return self.texts[schema_id - 100]


def cartpole_spec():
    return {"modelId": "cartpole", "observationSize": 4, "actionSpace": {"n": 2},
            "policyNetwork": {"hiddenSizes": [64, 64]}, "algorithm": "PPO", "seed": 1}


class WireTest(unittest.TestCase):

    def test_a_record_round_trips_behind_the_magic_byte_and_its_id(self):
        registry = DictRegistry()
        data = Serializer(registry, "models", "ModelSpec")(cartpole_spec())
        self.assertEqual(data[0], 0)
        self.assertEqual(int.from_bytes(data[1:5], "big"), 100)
        spec = Deserializer(registry)(data)
        self.assertEqual(spec["actionSpace"], {"n": 2})
        self.assertEqual(spec["policyNetwork"], {"hiddenSizes": [64, 64], "activation": "TANH"})
        self.assertEqual(spec["hyperparameters"]["gamma"], 0.99)
        self.assertIsNone(spec["valueNetwork"])

    def test_without_registering_an_unknown_schema_is_refused(self):
        with self.assertRaises(LookupError):
            Serializer(DictRegistry(), "steps", "Step", register=False)

    def test_bytes_not_in_the_wire_format_are_refused_with_the_reason(self):
        with self.assertRaisesRegex(ValueError, "magic byte 1"):
            Deserializer(DictRegistry())(b"\x01\x00\x00\x00\x01abc")
        with self.assertRaisesRegex(ValueError, "not in Confluent's wire format"):
            Deserializer(DictRegistry())(b"\x00\x00")


class CompleteTest(unittest.TestCase):

    schema = avro.schema.parse(schema_text("ModelSpec"))

    def test_defaults_fill_what_a_spec_leaves_out_and_unions_take_the_matching_record(self):
        spec = complete(self.schema, {**cartpole_spec(), "actionSpace": {"dimension": 1, "low": [-2.0],
                                                                         "high": [2.0]}})
        self.assertEqual(spec["hyperparameters"]["clipEpsilon"], 0.2)
        self.assertEqual(spec["actionSpace"]["dimension"], 1)

    def test_an_unknown_field_and_a_missing_required_one_are_named(self):
        with self.assertRaisesRegex(ValueError, "no field colour"):
            complete(self.schema, {**cartpole_spec(), "colour": "red"})
        spec = cartpole_spec()
        del spec["observationSize"]
        with self.assertRaisesRegex(ValueError, "needs the field observationSize"):
            complete(self.schema, spec)

    def test_the_example_spec_is_complete(self):
        with open("examples/cartpole.json") as f:
            spec = complete(self.schema, json.load(f))
        self.assertEqual(spec["hyperparameters"]["batchSteps"], 256)


if __name__ == "__main__":
    unittest.main()
