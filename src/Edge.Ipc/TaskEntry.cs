namespace Edge.Ipc;

/// <summary>The body of a cooperating task; it runs on the task's own thread until it returns.</summary>
/// <param name="self">The task being run: use it to send and receive, and check <see cref="EdgeTask.IsStopRequested"/>.</param>
public delegate void TaskEntry(EdgeTask self);
