package io.policystreams.serve;

import io.policystreams.client.ClientConfig;
import io.policystreams.client.ClientOptions;
import io.policystreams.client.http.HttpEndpoint;
import io.policystreams.commandline.Arguments;
import io.policystreams.commandline.Option;
import io.policystreams.commandline.Program;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code policy-streams serve}: the act endpoint as a process of its own; run more of them to scale. */
public final class ServeMain {

    private static final Logger LOG = LoggerFactory.getLogger(ServeMain.class);

    static final List<Option> OPTIONS = ClientOptions.plus(List.of(
            Option.value("--port", "PORT", "where the API answers (default 8080; 0 a free port)"),
            Option.value("--host", "HOST", "the address it listens on (default 0.0.0.0)"),
            Option.flag("--log-decisions", "publish each decision served to the decisions topic (its id in the "
                    + "answer) and take POST /v1/rewards for them, for the learner's reward joiner")));

    private ServeMain() {
    }

    /** {@code serve}. */
    public static Program program() {
        return Program.command("serve", "Serves the act endpoint: POST /v1/models/{id}/act answers an action, its "
                + "log-probability and the policy version from the model's newest policy, followed live on the "
                + "policies topic; GET /openapi.yaml describes the API.", OPTIONS, ServeMain::run);
    }

    private static int run(Arguments arguments) throws InterruptedException {
        ClientConfig config = ClientOptions.load(arguments);
        HttpEndpoint endpoint = HttpEndpoint.start("serve", config.httpPort());
        ActServer server = ActServer.start(config, arguments.get("--host", "0.0.0.0"),
                arguments.getInt("--port", 8080), endpoint.registry(), arguments.has("--log-decisions"));
        LOG.info("act endpoint on http://localhost:{}/v1/models/MODEL/act", server.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            endpoint.close();
            stopped.countDown();
        }, "serve-shutdown"));
        stopped.await();
        return 0;
    }
}
