import { Component, type ReactNode } from 'react';

/** One failing chart shows its error in place; the rest of the page keeps working. */
export class PanelBoundary extends Component<{ name: string; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error)
      return (
        <div className="panel-error" role="alert">
          The {this.props.name} chart failed to draw: {this.state.error.message}
          <button onClick={() => this.setState({ error: null })}>Retry</button>
        </div>
      );
    return this.props.children;
  }
}
