package io.policystreams.cli;

import io.policystreams.app.PolicyStreamsApp;
import io.policystreams.commandline.Program;
import io.policystreams.demo.CartPoleDemo;
import io.policystreams.demo.DelayedRewardDemo;
import io.policystreams.demo.ResourceDemo;
import io.policystreams.dev.DevCluster;
import io.policystreams.replay.cli.ReplayMain;
import io.policystreams.serve.ServeMain;
import io.policystreams.simulator.cli.SimulatorMain;
import java.util.List;

/**
 * {@code policy-streams COMMAND [options]}: every program as a command of one tool. {@code policy-streams --help}
 * lists them, {@code policy-streams COMMAND --help} their options; {@code policy-streams completion} prints the
 * shell completion script.
 */
public final class PolicyStreams {

    private PolicyStreams() {
    }

    /** The tool and all its commands. */
    public static Program program() {
        Program tool = Program.group("policy-streams", "Online reinforcement learning on Apache Kafka.");
        tool.with(PolicyStreamsApp.program(), SimulatorMain.simulate(), SimulatorMain.declare(), SimulatorMain.compare(),
                ServeMain.program(), CartPoleDemo.program(), ResourceDemo.program(), DelayedRewardDemo.program(),
                DevCluster.program());
        tool.with(ReplayMain.commands(System.out).toArray(Program[]::new));
        return tool.with(Program.command("completion", "Prints the bash completion script of policy-streams "
                + "(zsh too, after autoload -U +X bashcompinit && bashcompinit): "
                + "source <(policy-streams completion)", List.of(), arguments -> {
                    System.out.print(completionScript());
                    return 0;
                }));
    }

    /** The completion script of the whole tool. */
    static String completionScript() {
        return program().completionScript();
    }

    public static void main(String[] args) {
        program().main(args);
    }
}
