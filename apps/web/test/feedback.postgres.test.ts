import { describeFeedbackSuite } from "./support/feedback-suite";

jest.setTimeout(600_000);
process.env.ANISONG_WRITE_RATE_BURST = "100000";
process.env.ANISONG_PROVIDERS = "catalog"; // offline and deterministic, whatever the machine's environment
process.env.ANISONG_FEEDBACK_CACHE_MS = "0"; // every recommendation sees the votes and the experiment of the moment
describeFeedbackSuite("postgres", { secondModel: false });
