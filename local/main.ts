// Set before any AWS SDK client loads: the SDK warns about Node 20 on first use (see @aws-sdk/core).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { parseStartArgs, startUsage, UsageError } = await import('./options.js');
const { startLocalRuntime } = await import('./runtime.js');

/** Failures the user can fix: say what, without a stack trace. */
const userErrors = new Set([
  'StartupError',
  'InvalidRulesError',
  'RulesFolderError',
  'DynamoUnreachableError',
  'OutdatedLocalTableError',
]);

const fail = (message: string): never => {
  process.stderr.write(`nudge: ${message}\n`);
  process.exit(1);
};

let command: ReturnType<typeof parseStartArgs>;
try {
  command = parseStartArgs(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) fail(`${error.message}\nRun "npm start -- --help" for the options.`);
  throw error;
}

if (command.help) {
  process.stdout.write(startUsage);
  process.exit(0);
}

try {
  const runtime = await startLocalRuntime(command.options);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(`nudge ready ${runtime.url}\n`);
} catch (error) {
  if (error instanceof Error && (userErrors.has(error.name) || /Java|DynamoDB Local/.test(error.message))) {
    fail(error.message);
  }
  throw error;
}
