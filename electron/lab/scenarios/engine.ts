/**
 * Drives a World: the active scenario, scheduled switches ("gpu-oom in 2 minutes"), and the
 * clock. Time only moves through `advance()`; the real-time driver calls it with
 * elapsed-real-time x speed, tests call it directly, so both paths run the same steps.
 */
import { World, type LogLabelStyle } from '../sim/world.js';
import { conditionsFor, SCENARIOS, type ScenarioName } from './catalog.js';

export interface PendingSwitch {
  name: ScenarioName;
  atMs: number;
}

export interface EngineOptions {
  seed: number;
  scenario: ScenarioName;
  /** Simulated seconds per real second; 0 freezes the clock (tests advance it by hand). */
  speed: number;
  startMs?: number;
  logCapacity?: number;
  logLabels?: LogLabelStyle;
}

export class Engine {
  readonly world: World;
  readonly seed: number;
  scenario: ScenarioName;
  scenarioStartedMs: number;
  schedule: PendingSwitch[] = [];
  speed: number;
  private timer: NodeJS.Timeout | null = null;
  private lastRealMs = 0;
  private carryMs = 0;

  constructor(options: EngineOptions) {
    this.seed = options.seed;
    this.world = new World({
      seed: options.seed,
      startMs: options.startMs ?? Date.now(),
      logCapacity: options.logCapacity,
      logLabels: options.logLabels,
    });
    this.scenario = options.scenario;
    this.scenarioStartedMs = this.world.nowMs;
    this.speed = options.speed;
    this.applyConditions();
  }

  get nowMs(): number {
    return this.world.nowMs;
  }

  /** Switch now, or `startInSec` simulated seconds from now. */
  setScenario(name: ScenarioName, startInSec = 0): void {
    if (startInSec <= 0) {
      this.activate(name);
      return;
    }
    this.schedule.push({ name, atMs: this.world.nowMs + Math.round(startInSec) * 1000 });
    this.schedule.sort((a, b) => a.atMs - b.atMs);
  }

  private activate(name: ScenarioName): void {
    this.scenario = name;
    this.scenarioStartedMs = this.world.nowMs;
    this.world.log({ job: 'lab/control', namespace: 'lab', app: 'lab', pod: '', node: '' }, 'info', 'scenario started', {
      scenario: name,
      summary: SCENARIOS[name].summary,
    });
    this.applyConditions();
  }

  private applyConditions(): void {
    this.world.conditions = conditionsFor(this.scenario, (this.world.nowMs - this.scenarioStartedMs) / 1000);
  }

  /** Run whole simulated seconds; fractions carry over so speed 2.5 still averages right. */
  advance(seconds: number): void {
    const steps = Math.floor(seconds);
    for (let i = 0; i < steps; i += 1) {
      const due = this.schedule[0];
      if (due && due.atMs <= this.world.nowMs) {
        this.schedule.shift();
        this.activate(due.name);
      }
      this.applyConditions();
      this.world.step();
    }
  }

  setSpeed(speed: number): void {
    this.speed = Math.max(0, speed);
    this.carryMs = 0;
    this.lastRealMs = Date.now();
  }

  /** Real-time driver: ticks every `tickMs` of wall time and advances by elapsed x speed. */
  start(tickMs = 100): void {
    if (this.timer) return;
    this.lastRealMs = Date.now();
    this.timer = setInterval(() => {
      const now = Date.now();
      this.carryMs += (now - this.lastRealMs) * this.speed;
      this.lastRealMs = now;
      const whole = Math.floor(this.carryMs / 1000);
      if (whole > 0) {
        this.carryMs -= whole * 1000;
        this.advance(whole);
      }
    }, tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
