import { InMemoryDeliveryStore } from "../../src/delivery/memory.js";
import { describeDeliveryStore } from "./store-contract.js";

describeDeliveryStore("in memory", async () => {
  const store = new InMemoryDeliveryStore();
  return { destinations: store, outbox: store, slots: store };
});
