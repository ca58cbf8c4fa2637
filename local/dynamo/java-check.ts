import { spawnSync } from 'node:child_process';

/** DynamoDB Local needs Java 17+; say exactly how to get it when it is missing. */
export const checkJava = (): { ok: true } | { ok: false; message: string } => {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    return {
      ok: false,
      message:
        'Java 17 or newer is needed to run DynamoDB Local, and `java` was not found.\n' +
        'Install it (Debian/Ubuntu: `sudo apt-get install openjdk-17-jre-headless`; macOS: `brew install openjdk@17`),\n' +
        'or point nudge at a running DynamoDB with DYNAMODB_ENDPOINT=http://host:port.',
    };
  }
  const versionLine = `${result.stderr}${result.stdout}`.match(/version "(\d+)(?:\.(\d+))?/);
  const major = versionLine ? Number(versionLine[1] === '1' ? versionLine[2] : versionLine[1]) : 0;
  if (major < 17) {
    return {
      ok: false,
      message: `Java 17 or newer is needed to run DynamoDB Local; found Java ${major || 'of unknown version'}. Install a newer JDK or set DYNAMODB_ENDPOINT.`,
    };
  }
  return { ok: true };
};
