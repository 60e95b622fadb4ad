import { LinkClosed } from "./_components/link-closed";

export default function SharedReportNotFound() {
  return <LinkClosed reason="unknown" />;
}
