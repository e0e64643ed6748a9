/**
 * The certificate checks of a keystore, and of its chain against a truststore, remembered
 * per store report. Parsing and verifying certificates costs about a millisecond a run,
 * and the workspace rules run after every edit; the store cache hands back the same report
 * object while the file and passwords stay the same, so the answers can be kept with it.
 */
import {
  checkCertExpiry,
  checkCertHostname,
  checkCertTrust,
  checkCertUsage,
  type StoreFinding,
  type StoreReport,
  selectServerEntry,
  trustedCertificates,
} from '../../../stores/index';

/** What the certificate checks of a keystore depend on besides the report. */
export interface KeystoreQuestion {
  alias: string | undefined;
  /** The keystore the server presents: the usage and name checks apply. */
  server: boolean;
  /** The names clients reach the server by. */
  names: readonly string[];
  warnDays: number;
  now: Date;
}

/** Answers per report; a report dropped by the store cache takes its answers with it. */
const keystoreAnswers = new WeakMap<StoreReport, Map<string, StoreFinding[]>>();
const trustAnswers = new WeakMap<StoreReport, WeakMap<StoreReport, Map<string, StoreFinding[]>>>();

/** Different questions a report keeps answers to, such as names typed one letter at a time. */
const ANSWERS_PER_REPORT = 16;

/** Expiry is judged again at most once a minute. */
const MINUTE_MS = 60_000;

/** cert-expiry, and for the server's keystore cert-usage and cert-hostname. */
export function keystoreCertificateFindings(
  report: StoreReport,
  question: KeystoreQuestion,
): StoreFinding[] {
  const key = JSON.stringify([
    question.alias ?? null,
    question.server,
    question.names,
    question.warnDays,
    Math.floor(question.now.getTime() / MINUTE_MS),
  ]);
  return remembered(answersOf(keystoreAnswers, report), key, () => {
    const chain = selectServerEntry(report, question.alias)?.chain ?? [];
    const findings = checkCertExpiry(chain, { now: question.now, warnDays: question.warnDays });
    // A client keystore holds a client certificate: server names and serverAuth do not apply.
    if (question.server) {
      findings.push(...checkCertUsage(chain), ...checkCertHostname(chain, question.names));
    }
    return findings;
  });
}

/** cert-untrusted: the chain the keystore presents against what the truststore trusts. */
export function trustFindings(
  keystore: StoreReport,
  alias: string | undefined,
  truststore: StoreReport,
): StoreFinding[] {
  let byTruststore = trustAnswers.get(keystore);
  if (!byTruststore) {
    byTruststore = new WeakMap();
    trustAnswers.set(keystore, byTruststore);
  }
  return remembered(answersOf(byTruststore, truststore), JSON.stringify([alias ?? null]), () => {
    const chain = selectServerEntry(keystore, alias)?.chain ?? [];
    const anchors = trustedCertificates(truststore);
    // An empty truststore is the store-content check's to report.
    return chain.length === 0 || anchors.length === 0 ? [] : checkCertTrust(chain, anchors);
  });
}

function answersOf<T>(
  memo: WeakMap<StoreReport, Map<string, T>>,
  report: StoreReport,
): Map<string, T> {
  let answers = memo.get(report);
  if (!answers) {
    answers = new Map();
    memo.set(report, answers);
  }
  return answers;
}

function remembered<T>(answers: Map<string, T>, key: string, compute: () => T): T {
  const known = answers.get(key);
  if (known !== undefined) {
    return known;
  }
  const answer = compute();
  if (answers.size >= ANSWERS_PER_REPORT) {
    answers.clear();
  }
  answers.set(key, answer);
  return answer;
}
