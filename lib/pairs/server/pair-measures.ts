import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getLogisticBetas, type LossParams } from "@/lib/diagnostics";

// The per-pair measures of lib/diagnostics (aggregate-sequences.ts, pair-gradients.ts, pair-loss.ts) written as SQL
// over a sequences row, so the inspector ranks 10,000 pairs in the database. They follow the TypeScript step by step
// — same formulas, same handling of ±Infinity and NaN — and tests/integration/pairs.test.ts checks each one against
// the TypeScript functions, so there is one definition with two spellings that cannot drift apart unnoticed.
// Postgres raises on ln(0) and on exp() underflow where JavaScript returns -Infinity and 0; the guards below
// return what JavaScript would.

const f = (value: number) => sql.raw(`${Number.isFinite(value) ? value : `'${value}'`}::float8`);
const NAN = sql.raw(`'NaN'::float8`);
/** ln of a loss parameter, taken here: Postgres would refuse ln(0) or ln(-1) even in a branch never taken. */
const lnConst = (value: number) => f(Math.log(value));

/** ln|x|, -Infinity at 0 (Math.log(Math.abs(x))). */
const lnAbs = (x: SQL) => sql`(case when ${x} = 0 then '-Infinity'::float8 else ln(abs(${x})) end)`;
/** e^x for x ≤ 0 without the underflow error (below e^-700 the terms it feeds no longer change a double). */
const expNeg = (x: SQL) => sql`exp(greatest(${x}, -700::float8))`;

/** logAddExp of log-math.ts. Postgres orders NaN above every number, so greatest/least carry a NaN through. */
function logAddExpSql(a: SQL, b: SQL): SQL {
  return sql`(case when ${a} = ${b} then ${a} + ln(2::float8)
    when least(${a}, ${b}) = '-Infinity'::float8 then greatest(${a}, ${b})
    else greatest(${a}, ${b}) + ln(1 + ${expNeg(sql`least(${a}, ${b}) - greatest(${a}, ${b})`)}) end)`;
}

/** logSigmoid of log-math.ts. */
function logSigmoidSql(x: SQL): SQL {
  return sql`(case when ${x} >= 0 then -ln(1 + ${expNeg(sql`-(${x})`)}) else ${x} - ln(1 + ${expNeg(x)}) end)`;
}

const pw = sql.raw("s.logp_chosen");
const pl = sql.raw("s.logp_rejected");
const rw = sql.raw("s.ref_logp_chosen");
const rl = sql.raw("s.ref_logp_rejected");
const lenW = sql.raw("s.len_chosen::float8");
const lenL = sql.raw("s.len_rejected::float8");
const validLen = (len: SQL) => sql`(${len} is not null and ${len} > 0)`;

export const dChosenSql = sql`(${pw} - ${rw})`;
export const dRejectedSql = sql`(${pl} - ${rl})`;
export const marginSql = sql`(${dChosenSql} - ${dRejectedSql})`;
/** leaked = logsumexp(pw, pl) − logsumexp(rw, rl), as aggregate-sequences.ts computes it per pair. */
export const leakedSql = sql`(${logAddExpSql(pw, pl)} - ${logAddExpSql(rw, rl)})`;

/** log|∂L/∂pw| and log|∂L/∂pl| of computePairLossGradient; null where it is null (NaN for the chosen side). */
function lossGradientLogs(params: LossParams): { chosen: SQL; rejected: SQL } | null {
  const betas = getLogisticBetas(params);
  const logWeight = (bw: number, bl: number) => logSigmoidSql(sql`-(${f(bw)} * ${dChosenSql} - ${f(bl)} * ${dRejectedSql})`);
  switch (params.algorithm) {
    case "dpo":
    case "flex_dpo":
      return { chosen: sql`(${lnConst(betas!.w)} + ${logWeight(betas!.w, betas!.l)})`, rejected: sql`(${lnConst(betas!.l)} + ${logWeight(betas!.w, betas!.l)})` };
    case "dpo_sft": {
      const dpoLog = sql`(${lnConst(params.betaW)} + ${logWeight(params.betaW, params.betaW)})`;
      const sft = sql`(${lnConst(params.alpha)} - ln(nullif(${lenW}, 0)))`;
      return { chosen: sql`(case when ${validLen(lenW)} then ${logAddExpSql(dpoLog, sft)} else ${NAN} end)`, rejected: dpoLog };
    }
    case "ipo": {
      const perToken = sql`(${validLen(lenW)} and ${validLen(lenL)})`;
      const w = sql`(case when ${perToken} then ${lenW} else 1 end)`;
      const l = sql`(case when ${perToken} then ${lenL} else 1 end)`;
      const gap = sql`(${dChosenSql} / ${w} - ${dRejectedSql} / ${l} - ${f(1 / (2 * params.tau))})`;
      return { chosen: lnAbs(sql`(2 * ${gap} / ${w})`), rejected: lnAbs(sql`(-2 * ${gap} / ${l})`) };
    }
    case "slic": {
      const active = sql`(case when ${f(params.delta)} - ${pw} + ${pl} > 0 then 1 else 0 end)::float8`;
      return { chosen: lnAbs(sql`(-${active} - ${f(params.lambda)})`), rejected: lnAbs(active) };
    }
    default:
      return null;
  }
}

/** log|∂L/∂πl| − log|∂L/∂πw| of resolvePairLogGradients: the runner's own numbers when sent, else derived. */
export function gradRatioSql(params: LossParams): SQL {
  const derived = lossGradientLogs(params);
  const chosen = derived ? sql`(${derived.chosen} - ${pw})` : NAN;
  const rejected = derived ? sql`(${derived.rejected} - ${pl})` : NAN;
  return sql`(coalesce(s.log_grad_rejected, ${rejected}) - coalesce(s.log_grad_chosen, ${chosen}))`;
}
