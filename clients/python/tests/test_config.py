import os
import tempfile
import unittest

from policy_streams.config import Settings


class SettingsTest(unittest.TestCase):

    def test_a_properties_file_under_the_overrides_over_the_defaults(self):
        with tempfile.NamedTemporaryFile("w", suffix=".properties", delete=False) as f:
            f.write("# written by policy-streams dev\nbootstrap.servers=localhost:1234\n"
                    "schema.registry.url = http://a:1, http://b:2\n! other comment\nsteps.topic: my-steps\n"
                    "security.protocol=SASL_SSL\napplication.id=ignored-here\n")
        try:
            settings = Settings.read(f.name, {"bootstrap.servers": None, "policies.topic": "p"})
        finally:
            os.unlink(f.name)
        self.assertEqual(settings.registry_urls, ["http://a:1", "http://b:2"])
        self.assertEqual(settings.topic("steps"), "my-steps")
        self.assertEqual(settings.topic("policies"), "p")
        self.assertEqual(settings.topic("models"), "models")
        self.assertEqual(settings.kafka(), {"bootstrap.servers": "localhost:1234", "security.protocol": "SASL_SSL"})

    def test_the_registry_is_required_and_a_malformed_url_refused_when_read(self):
        with self.assertRaisesRegex(ValueError, "schema.registry.url is required"):
            Settings({})
        with self.assertRaisesRegex(ValueError, "http:// or https://"):
            Settings({"schema.registry.url": "http://ok:1,registry:8081"})


if __name__ == "__main__":
    unittest.main()
