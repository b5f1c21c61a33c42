import { describeSpotifySaveSuite } from "./support/spotify-save-suite";

jest.setTimeout(180_000);
process.env.ANISONG_WRITE_RATE_BURST = "100000";
process.env.ANISONG_PROVIDERS = "catalog"; // offline and deterministic, whatever the machine's environment
describeSpotifySaveSuite("postgres");
