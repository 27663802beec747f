export type { InstallationRepository } from "../store/index.js";
