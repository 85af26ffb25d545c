using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Process.Tests;

[TestClass]
public sealed class SpinPolicyTests
{
    [TestMethod]
    public void Learn_AnsweredWait_BudgetCoversTwiceItsTimeUpToTheMaximum()
    {
        var policy = new SpinPolicy(canSpin: true);
        long start = policy.Budget();

        policy.Learn(start, answered: true);
        Assert.AreEqual(System.Math.Min((2 * start) + SpinPolicy.MinTicks, SpinPolicy.MaxTicks), policy.Budget());

        policy.Learn(SpinPolicy.MaxTicks, answered: true);
        Assert.AreEqual(SpinPolicy.MaxTicks, policy.Budget());
    }

    [TestMethod]
    public void Learn_UnansweredWaitsInARow_HalveTheBudgetDownToZero()
    {
        var policy = new SpinPolicy(canSpin: true);
        policy.Learn(SpinPolicy.MaxTicks, answered: true);
        for (int i = 1; i < SpinPolicy.MissesBeforeCut; i++)
        {
            policy.Learn(SpinPolicy.MaxTicks, answered: false);
        }

        Assert.AreEqual(SpinPolicy.MaxTicks, policy.Budget(), "fewer misses than the cut keep the budget");
        policy.Learn(SpinPolicy.MaxTicks, answered: false);
        Assert.AreEqual(SpinPolicy.MaxTicks / 2, policy.Budget());

        for (int i = 0; i < 64 * SpinPolicy.MissesBeforeCut && policy.Budget() > 0; i++)
        {
            policy.Learn(policy.Budget(), answered: false);
        }

        Assert.AreEqual(0, policy.Budget());
    }

    [TestMethod]
    public void Learn_OneMissBetweenAnswers_DoesNotCut()
    {
        var policy = new SpinPolicy(canSpin: true);
        policy.Learn(SpinPolicy.MaxTicks, answered: true);
        for (int i = 0; i < 10; i++)
        {
            policy.Learn(SpinPolicy.MaxTicks, answered: false);
            policy.Learn(SpinPolicy.MinTicks, answered: true);
        }

        Assert.AreEqual(SpinPolicy.MaxTicks, policy.Budget());
    }

    [TestMethod]
    public void Budget_AtZero_ProbesShortlyNowAndThenAndForTheLongestBudgetRarely()
    {
        var policy = new SpinPolicy(canSpin: true);
        while (policy.Budget() > 0)
        {
            policy.Learn(SpinPolicy.MaxTicks, answered: false);
        }

        // The loop's last Budget() call was the first wait at zero.
        int shortProbes = 0, longProbes = 0, sleeps = 1;
        for (int wait = 2; wait <= SpinPolicy.LongProbeEvery; wait++)
        {
            long budget = policy.Budget();
            if (budget == SpinPolicy.MaxTicks)
            {
                longProbes++;
                Assert.AreEqual(SpinPolicy.LongProbeEvery, wait, "the long probe comes once in LongProbeEvery waits");
            }
            else if (budget == SpinPolicy.ShortProbeTicks)
            {
                shortProbes++;
                Assert.AreEqual(0, wait % SpinPolicy.ProbeEvery);
            }
            else
            {
                Assert.AreEqual(0L, budget);
                sleeps++;
            }

            policy.Learn(budget, answered: false);
        }

        Assert.AreEqual(1, longProbes);
        Assert.AreEqual((SpinPolicy.LongProbeEvery / SpinPolicy.ProbeEvery) - 1, shortProbes);
        Assert.AreEqual(SpinPolicy.LongProbeEvery - SpinPolicy.LongProbeEvery / SpinPolicy.ProbeEvery, sleeps);
    }

    [TestMethod]
    public void Budget_AtZero_AnsweredProbe_StartsSpinningAgain()
    {
        var policy = new SpinPolicy(canSpin: true);
        while (policy.Budget() > 0)
        {
            policy.Learn(SpinPolicy.MaxTicks, answered: false);
        }

        while (policy.Budget() == 0)
        {
        }

        policy.Learn(SpinPolicy.MinTicks, answered: true);
        Assert.AreEqual(3 * SpinPolicy.MinTicks, policy.Budget());
    }

    [TestMethod]
    public void Budget_SingleCore_NeverSpins()
    {
        var policy = new SpinPolicy(canSpin: false);
        for (int wait = 0; wait < 2 * SpinPolicy.LongProbeEvery; wait++)
        {
            Assert.AreEqual(0L, policy.Budget());
            policy.Learn(SpinPolicy.MinTicks, answered: true);
        }
    }
}
