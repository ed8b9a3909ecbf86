"""Ranks the out-of-fold scores dumped by RecheckStudy --dump DIR several ways and counts the flipped items among
the first 10/25/50 distinct ids of each ranking (per draw, then the mean). Candidates for recheck's ranking; the
'gold-trained' row ranks the noisy labels by the clean (gold) cross-validation's scores, a ceiling for any
ranking of this model's scores.

    python3 src/bench/study/recheck_rankers.py DIR
Columns of a dump: item index, flipped (0/1), the labels as given (one per topic), each SMO repeat's out-of-fold
scores, the embedding logistic model's and the kNN label share (RecheckStudy.Judges).
"""
import sys, glob, os
import numpy as np
d = sys.argv[1]
T = 4
def load(f):
    a = np.loadtxt(f)
    idx = a[:,0].astype(int); fl = a[:,1].astype(int); y = a[:,2:2+T]
    rest = a[:,2+T:]
    R = (rest.shape[1] - 2*T)//T
    smo = [rest[:, r*T:(r+1)*T] for r in range(R)]
    lr = rest[:, R*T:(R+1)*T]; knn = rest[:, (R+1)*T:(R+2)*T]
    return fl, y, smo, lr, knn
clean = load(os.path.join(d, 'clean.tsv'))
def susp(p, y):  # 1 - self-confidence
    return np.where(y == 1, 1 - p, p)
def ranks(s):  # rank of suspicion over all pairs, 0..1
    flat = s.ravel(); o = flat.argsort().argsort()
    return (o / (len(flat) - 1)).reshape(s.shape)
def hits(item_score, fl, tie=None):
    order = np.lexsort((np.arange(len(item_score)), -item_score))
    return [int(fl[order[:k]].sum()) for k in (10, 25, 50)]
def rankers(y, smo, lr, knn):
    s0 = np.mean(smo, axis=0)
    S = {}
    S['base smo'] = susp(s0, y)
    S['smo r0 only'] = susp(smo[0], y)
    S['lr'] = susp(lr, y)
    S['knn'] = susp(knn, y)
    S['avg smo+lr'] = susp((s0 + lr) / 2, y)
    S['avg smo+knn'] = susp((s0 + knn) / 2, y)
    S['avg3'] = susp((s0 + lr + knn) / 3, y)
    S['rankavg3'] = (ranks(susp(s0, y)) + ranks(susp(lr, y)) + ranks(susp(knn, y))) / 3
    S['rankavg smo+lr'] = (ranks(susp(s0, y)) + ranks(susp(lr, y))) / 2
    S['avg3 logit'] = susp(1/(1+np.exp(-(np.log(np.clip(s0,1e-4,1-1e-4)/(1-np.clip(s0,1e-4,1-1e-4))) + np.log(np.clip(lr,1e-4,1-1e-4)/(1-np.clip(lr,1e-4,1-1e-4))) + np.log(np.clip(knn,1e-4,1-1e-4)/(1-np.clip(knn,1e-4,1-1e-4))))/3)), y)
    # per-topic, per-side standardised avg3 suspicion (z within topic x given)
    a = S['avg3']; z = np.zeros_like(a)
    for t in range(T):
        for g in (0, 1):
            m = y[:, t] == g
            if m.sum() > 1: z[m, t] = (a[m, t] - a[m, t].mean()) / (a[m, t].std() + 1e-9)
    S['avg3 z topic-side'] = z
    return S
res = {}
for kind in ('random', 'borderline'):
    for f in sorted(glob.glob(os.path.join(d, kind + '-*.tsv'))):
        fl, y, smo, lr, knn = load(f)
        S = rankers(y, smo, lr, knn)
        for name, s in S.items():
            res.setdefault((kind, name), []).append(hits(s.max(axis=1), fl))
        # item-sum variants
        res.setdefault((kind, 'avg3 item-sum'), []).append(hits(S['avg3'].sum(axis=1), fl))
        res.setdefault((kind, 'base item-sum'), []).append(hits(S['base smo'].sum(axis=1), fl))
        res.setdefault((kind, 'gold-trained model (ceiling)'), []).append(hits(susp(np.mean(clean[2], axis=0), y).max(axis=1), fl))
        # clean model's view of flipped labels
        cfl, cy, csmo, clr, cknn = clean
        cs = np.mean(csmo, axis=0)
        flipped = np.where(fl == 1)[0]
        right = 0
        for i in flipped:
            t = np.where(cy[i] != y[i])[0][0]
            # the flipped label looks right to the clean OOF model if its self-confidence under the clean model is >= 0.5
            sc = cs[i, t] if y[i, t] == 1 else 1 - cs[i, t]
            right += sc >= 0.5
        res.setdefault((kind, '#flipped labels the clean model agrees with'), []).append([int(right)] * 3)
for (kind, name), v in res.items():
    v = np.array(v)
    print(f"{kind:10s} {name:45s} " + " | ".join("/".join(str(x) for x in row) for row in v) + f"  mean {v.mean(0).round(1)}")
# competitors: gold labels the clean (gold-trained) cross-validation itself doubts
cs = susp(np.mean(clean[2], axis=0), clean[1]).max(axis=1)
print("gold items whose least self-confident label scores >= 0.5 / 0.7 / 0.8 / 0.9 under the gold-trained model: "
      + " / ".join(str(int((cs >= th).sum())) for th in (0.5, 0.7, 0.8, 0.9)))
