/**
 * The headless command line ({@code java -jar attention-lab.jar COMMAND [options]}), on picocli.
 *
 * <h2>How a lesson adds its subcommand</h2>
 * <ol>
 *   <li>Write one class {@code XCommand extends CliCommand} in this package, annotated
 *       {@code @Command(name = "x", header = "one line for the command list", synopsisHeading = "",
 *       customSynopsis = "usage: java -jar attention-lab.jar x --model M ...")}. Declare each
 *       option as a typed field: {@code @Option(names = "--top", paramLabel = "K", defaultValue = "5",
 *       description = "what it does")}; mark the ones without a default {@code required = true}.
 *       {@code --help} lists every option with its description and default.</li>
 *   <li>In {@link org.attentionlab.app.cli.CliCommand#run()}, call the lesson's service
 *       ({@code service/<lesson>/<X>Service}), the same class its view model calls, and print its
 *       record with {@link org.attentionlab.app.cli.Json#print}; write logs to {@code err}.
 *       Never import {@code org.attentionlab.engine}: this package sits above the services.</li>
 *   <li>Add {@code XCommand::new} to {@code Cli.COMMANDS}: one line.</li>
 * </ol>
 *
 * <p>Errors: throw {@link org.attentionlab.domain.InputException} (or any
 * {@link org.attentionlab.domain.LabException}); {@link org.attentionlab.app.cli.Cli} prints
 * {@code error: problem remedy} on one line and exits 1. Bad or unknown options are reported the
 * same way by picocli's parser. Other exceptions exit 3 with a stack trace (a bug to report).
 */
package org.attentionlab.app.cli;
