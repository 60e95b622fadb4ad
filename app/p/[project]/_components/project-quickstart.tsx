/** What an empty project shows instead of an empty table: the ways to get a first run in, with its name filled in. */
export function ProjectQuickstart({ project, url }: { project: string; url: string }) {
  const quoted = JSON.stringify(project);
  const shell = `'${project.replaceAll("'", `'\\''`)}'`;
  return (
    <section aria-labelledby="quickstart-heading" data-testid="project-quickstart" className="max-w-3xl space-y-3 rounded border border-slate-200 bg-white p-4 text-sm">
      <h2 id="quickstart-heading" className="text-base font-semibold">
        No runs in {project} yet
      </h2>
      <p className="text-slate-700">
        Runs appear here as they are logged, without a reload. A write key comes from <strong>API keys</strong> below (admins) or from{" "}
        <code>npx prefscope keys create --project {shell}</code>.
      </p>
      <Snippet title="From a TRL trainer (Python client: pip install -e clients/python)">
        {`export PREFSCOPE_URL=${url} PREFSCOPE_API_KEY=<key>\n\nfrom prefscope.integrations import PrefScopeCallback\ntrainer.add_callback(PrefScopeCallback(project=${quoted}))`}
      </Snippet>
      <Snippet title="From any script (Python)">
        {`import prefscope\nrun = prefscope.init(project=${quoted}, name="dpo-beta0.1", algorithm="dpo", config={"beta": 0.1})\nrun.log({"loss": 0.693}, step=0)\nrun.finish()`}
      </Snippet>
      <Snippet title="From files a run already wrote (trainer_state.json, TensorBoard events, JSONL, a W&B CSV)">{`npx prefscope import PATH --project ${shell}`}</Snippet>
      <p className="text-slate-700">
        Or use <strong>Import runs</strong> below, or the HTTP API (<code>POST {url}/api/v1/runs</code>, see the README).
      </p>
    </section>
  );
}

function Snippet({ title, children }: { title: string; children: string }) {
  return (
    <figure>
      <figcaption className="mb-1 text-slate-600">{title}</figcaption>
      <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
        <code>{children}</code>
      </pre>
    </figure>
  );
}
