import { describe, expect, it } from "vitest";
import { expectRead, readEvents as read } from "../helpers/headline.js";

// Forms the residual held-out misses of batches 1-14 were diagnosed as (bench/gold-diagnoses.md,
// "Residual held-out misses", its general weaknesses), written again by the team in its own
// words with other companies and amounts.
const types = (title: string, body = "") => read(title, body).map((e) => e.type);

describe("residual W1: a lead round beside a build-out cue in the body", () => {
  it("keeps '<investor> agrees to invest <amount> in <target>, the company that builds data centres'", () => {
    expectRead(
      "Crusoe lands backing from Blue Owl",
      "Blue Owl has agreed to invest $3 billion in Crusoe, the company that builds data centres for AI labs.",
      { types: ["investment"], amountUsd: 3e9, parties: ["blue-owl", "crusoe"] },
    );
  });

  it("keeps the lead's round when a later sentence names the project the money helps", () => {
    expectRead(
      "SoftBank deepens its OpenAI bet",
      "SoftBank will invest $30 billion in OpenAI, people familiar with the matter said. The Japanese group has backed the lab before. Talks have run for weeks. Part of the cash is meant for Stargate, the data-centre venture the two share with Oracle.",
      { types: ["investment"], amountUsd: 30e9, parties: ["softbank", "openai"] },
    );
    // Money put into sites is still a build-out.
    expect(types("Microsoft to invest $10 billion in Portuguese data centres")).toEqual(["infrastructure"]);
  });
});
