"""A CPU-bound pure-Python workload for compute parity: a small planetary system integrated with a
leapfrog-style step (floats, attribute-free lists, tight loops). Usage: nbody.py [steps]"""
import sys

PI = 3.141592653589793
DAYS_PER_YEAR = 365.24
SOLAR_MASS = 4 * PI * PI


def system():
    # position, velocity (per year), mass: a sun and four outer planets, rounded orbital elements
    bodies = [
        ([0.0, 0.0, 0.0], [0.0, 0.0, 0.0], SOLAR_MASS),
        ([4.84, -1.16, -0.10], [0.00166, 0.00770, -0.0000690], 0.000954),
        ([8.34, 4.12, -0.40], [-0.00277, 0.00500, 0.0000230], 0.000286),
        ([12.89, -15.11, -0.22], [0.00296, 0.00238, -0.0000296], 0.0000437),
        ([15.38, -25.92, 0.18], [0.00268, 0.00163, -0.0000951], 0.0000515),
    ]
    out = []
    for pos, vel, mass in bodies:
        out.append((pos, [v * DAYS_PER_YEAR for v in vel], mass if mass == SOLAR_MASS else mass * SOLAR_MASS))
    # move the centre of mass to rest
    px = py = pz = 0.0
    for _, v, m in out:
        px += v[0] * m
        py += v[1] * m
        pz += v[2] * m
    sun_v = out[0][1]
    sun_v[0], sun_v[1], sun_v[2] = -px / SOLAR_MASS, -py / SOLAR_MASS, -pz / SOLAR_MASS
    return out


def energy(bodies):
    e = 0.0
    for i, (p1, v1, m1) in enumerate(bodies):
        e += 0.5 * m1 * (v1[0] * v1[0] + v1[1] * v1[1] + v1[2] * v1[2])
        for p2, _, m2 in bodies[i + 1:]:
            dx, dy, dz = p1[0] - p2[0], p1[1] - p2[1], p1[2] - p2[2]
            e -= m1 * m2 / (dx * dx + dy * dy + dz * dz) ** 0.5
    return e


def advance(bodies, steps, dt=0.01):
    pairs = [(bodies[i], bodies[j]) for i in range(len(bodies)) for j in range(i + 1, len(bodies))]
    for _ in range(steps):
        for (p1, v1, m1), (p2, v2, m2) in pairs:
            dx = p1[0] - p2[0]
            dy = p1[1] - p2[1]
            dz = p1[2] - p2[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            b1 = m1 * mag
            b2 = m2 * mag
            v1[0] -= dx * b2
            v1[1] -= dy * b2
            v1[2] -= dz * b2
            v2[0] += dx * b1
            v2[1] += dy * b1
            v2[2] += dz * b1
        for p, v, _ in bodies:
            p[0] += dt * v[0]
            p[1] += dt * v[1]
            p[2] += dt * v[2]


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    bodies = system()
    before = energy(bodies)
    advance(bodies, steps)
    print("%.9f %.9f" % (before, energy(bodies)))


main()
