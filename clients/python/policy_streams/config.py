"""The settings a Python actor shares with the Java programs: the same properties file (`policy-streams dev
--properties dev.properties` writes one, the learner's `app.properties` is another), the same keys and defaults.

Read here: bootstrap.servers, schema.registry.url (one URL or a comma-separated list, tried in turn), the topic
names, and the librdkafka-compatible client security settings (security.protocol, sasl.mechanism,
sasl.username, sasl.password, ssl.ca.location), which go to the Kafka clients as they are.
"""

DEFAULTS = {
    "bootstrap.servers": "localhost:9092",
    "steps.topic": "steps",
    "models.topic": "models",
    "policies.topic": "policies",
}
CLIENT_SECURITY_KEYS = ("security.protocol", "sasl.mechanism", "sasl.username", "sasl.password", "ssl.ca.location")


class Settings:
    """The properties, with the defaults under them; `kafka()` gives the librdkafka client configuration."""

    def __init__(self, properties=None):
        self.properties = dict(DEFAULTS)
        self.properties.update(properties or {})
        if not self.properties.get("schema.registry.url"):
            raise ValueError("schema.registry.url is required (the registry's URL, or a comma-separated list)")
        self.registry_urls = [url.strip() for url in self.properties["schema.registry.url"].split(",")]
        for url in self.registry_urls:
            if not url.startswith(("http://", "https://")):
                raise ValueError("schema.registry.url must list http:// or https:// URLs, had %r" % url)

    @staticmethod
    def read(path=None, overrides=None):
        """The properties file at `path` (Java's key=value or key: value lines, # and ! comments), then `overrides`."""
        properties = {}
        if path:
            with open(path, encoding="utf-8") as lines:
                for line in lines:
                    line = line.strip()
                    if not line or line[0] in "#!":
                        continue
                    separator = min((i for i in (line.find("="), line.find(":")) if i >= 0), default=-1)
                    if separator < 0:
                        raise ValueError("%s: %r is not key=value" % (path, line))
                    properties[line[:separator].strip()] = line[separator + 1:].strip()
        properties.update({k: v for k, v in (overrides or {}).items() if v is not None})
        return Settings(properties)

    def topic(self, name):
        return self.properties[name + ".topic"]

    def kafka(self):
        config = {"bootstrap.servers": self.properties["bootstrap.servers"]}
        config.update({k: self.properties[k] for k in CLIENT_SECURITY_KEYS if k in self.properties})
        return config
