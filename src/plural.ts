/** "1 item", "2 items", "0 items"; irregular plurals ("story", "stories") are passed in. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
